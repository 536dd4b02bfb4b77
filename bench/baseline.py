"""The baseline: SQLite FTS5 BM25 over each profile's text, concatenated into one column."""
from __future__ import annotations

import re
import sqlite3

from portal.services.matching.records import ProfileDocument

_WORD = re.compile(r"\w+")


def concatenated(doc: ProfileDocument) -> str:
    parts = [doc["title"], doc["summary"], doc["history_text"], doc["region"], *doc["industries"], *doc["interests"],
             *(f"{s['name']}" for s in doc["skills"]), *(f"{l['name']} {l['level']}" for l in doc["languages"]),
             *(f"{c['name']} {c['issuer']}" for c in doc["certificates"])]
    return " ".join(parts)


class Fts5:
    def __init__(self, docs: list[ProfileDocument]):
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE VIRTUAL TABLE profiles USING fts5(body, tokenize='unicode61')")
        self.conn.executemany("INSERT INTO profiles(rowid, body) VALUES (?, ?)",
                              ((d["consultant_id"], concatenated(d)) for d in docs))
        self.conn.commit()

    def search(self, text: str, limit: int = 20) -> list[int]:
        words = sorted({w.lower() for w in _WORD.findall(text)})
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self.conn.execute("SELECT rowid FROM profiles WHERE profiles MATCH ? ORDER BY bm25(profiles) LIMIT ?",
                                 (match, limit))
        return [r[0] for r in rows]
