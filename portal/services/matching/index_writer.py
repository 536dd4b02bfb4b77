"""The whoosh index of consultant profiles on disk: its schema, a profile's fields, and writing under one lock.

This package is the only code that imports whoosh (STYLE rule 13).
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.writing import LockError

from portal.services.matching import skill_tokens, skills
from portal.services.matching.index_terms import (
    ANALYZERS, CEFR, LANGS, TEXT_PARTS, YEARS_CAP, day_number, language_key,
)
from portal.services.matching.records import ProfileDocument
from portal.services.matching.segment_cache import SegmentCaches

_WORD = re.compile(r"\w+")
_SWEDISH_LETTERS = re.compile(r"\w*[åäö]\w*")
_SV_HINTS = frozenset("och att det som för med på är av till har inom jag en ett erfarenhet arbetat "
                      "utveckling projekt system kunder".split())
_EN_HINTS = frozenset("and the to of for with in is as have has experience worked development projects "
                      "systems customers".split())


def _schema() -> Schema:
    fields = {
        "consultant_id": ID(stored=True, unique=True),
        "skills": KEYWORD(scorable=True),
        "skill_levels": KEYWORD,
        "skill_years": KEYWORD,
        "languages": KEYWORD,
        "certificates": TEXT(analyzer=ANALYZERS["en"], phrase=False),
        "region": ID,
        "remote": ID,
        "available_from": NUMERIC(int, bits=32, signed=False, shift_step=16),
        "rate": NUMERIC(int, bits=32, signed=False, shift_step=16),  # SEK an hour, 0 when not given
        "extent": NUMERIC(int, bits=32, signed=False, shift_step=16),  # percent
        "excluded": KEYWORD,
        "restricted": ID,
        "doc": STORED,
        "updated": STORED,
    }
    for part in TEXT_PARTS:
        fields[f"{part}_skills"] = KEYWORD(scorable=True)  # skills the text names: "C#", ".NET", "Go-kod"
        for lang in LANGS:
            fields[f"{part}_{lang}"] = TEXT(analyzer=ANALYZERS[lang], phrase=False)
    return Schema(**fields)


SCHEMA = _schema()


def text_language(text: str) -> str:
    """'sv' or 'en': which stemmer a profile's text gets (Swedish hints and å/ä/ö win a tie)."""
    sv = en = 0
    for word in _WORD.findall(text.lower()):
        sv += (word in _SV_HINTS) + (not word.isascii() and _SWEDISH_LETTERS.search(word) is not None)
        en += word in _EN_HINTS
    return "sv" if sv >= en and sv > 0 else "en"


class _CachedAnalysis:
    """A language analyzer's terms for a text, each distinct word analysed once (a rebuild meets the
    same words again and again). Gives exactly the analyzer's terms: its filters work word by word."""

    def __init__(self, analyzer) -> None:
        self.analyzer = analyzer
        self.pattern = analyzer.items[0].expression  # the analyzer's own tokenizer pattern
        self.words: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> list[str]:
        out: list[str] = []
        words = self.words
        for match in self.pattern.finditer(text):
            word = match.group()
            found = words.get(word)
            if found is None:
                found = tuple(token.text for token in self.analyzer(word))
                if len(words) < 500_000:
                    words[word] = found
            out.extend(found)
        return out


_ANALYSIS = {lang: _CachedAnalysis(analyzer) for lang, analyzer in ANALYZERS.items()}


def document_fields(doc: ProfileDocument, vocabulary: skill_tokens.Vocabulary | None = None) -> dict:
    """The whoosh fields of one profile document; a restricted profile leaves only a stub (R-RIGHTS-5).
    Skills named in the title and text are found with `vocabulary` (the defaults when None)."""
    updated = doc["updated_at"].isoformat() if doc.get("updated_at") else ""
    if doc["restricted"]:  # no profile data is processed, but rankings can say how many were left out
        return {"consultant_id": str(doc["consultant_id"]), "restricted": "yes", "doc": "{}", "updated": updated}
    skill_keys = [k for s in doc["skills"] if (k := skills.key(s["name"]))]
    # One term per skill and language at its own level (a query asks for every level from the minimum up):
    # fewer postings than a term per level below it, which is what a rebuild spends its time on.
    levels = [f"{k}:{max(1, min(5, int(s['level'])))}" for s in doc["skills"] if (k := skills.key(s["name"]))]
    years = [f"{k}:{max(0, min(YEARS_CAP, int(s.get('years') or 0)))}" for s in doc["skills"]
             if (k := skills.key(s["name"]))]
    langs = []
    for entry in doc["languages"]:
        name = language_key(entry["name"])
        langs += [name, f"{name}:{entry['level'] if entry.get('level') in CEFR else CEFR[0]}"]
    texts = {"title": doc["title"] or "",
             "text": " ".join([doc["summary"] or "", doc["history_text"] or "", *doc["industries"], *doc["interests"]])}
    fields = {
        "consultant_id": str(doc["consultant_id"]),
        # keyword fields as lists of terms: whoosh takes them as they are, without running a tokenizer
        "skills": skill_keys, "skill_levels": levels, "skill_years": years,
        "languages": [term for term in langs if term],
        "certificates": _ANALYSIS["en"].terms(" ".join(f"{c['name']} {c['issuer']}" for c in doc["certificates"])),
        "region": skills.key(doc["region"] or ""), "remote": doc["remote"] or "onsite",
        "available_from": day_number(doc["available_from"]),
        "rate": max(int(doc["hourly_rate"] or 0), 0), "extent": max(int(doc["extent"] or 0), 0),
        "excluded": [str(c) for c in doc["excluded_client_ids"]],
        "restricted": "no", "doc": json.dumps(_stored(doc), separators=(",", ":")), "updated": updated,
    }
    language = text_language(" ".join(texts.values()))
    vocabulary = vocabulary or skill_tokens.build()
    for part, text in texts.items():  # analysed terms, not the text: whoosh indexes a list as given
        named, rest = skill_tokens.split(text, vocabulary)
        fields[f"{part}_skills"] = [token.key for token in named]
        fields[f"{part}_{language}"] = _ANALYSIS[language].terms(rest)
    return fields


def _stored(doc: ProfileDocument) -> dict:
    """What the ranking needs back from a hit, without a database query (no contact data)."""
    return {
        "skills": [[s["name"], int(s["level"]), int(s.get("years") or 0)] for s in doc["skills"]],
        "languages": [[e["name"], e.get("level") or ""] for e in doc["languages"]],
        "certificates": [[c["name"], c.get("issuer") or ""] for c in doc["certificates"]],
        "region": doc["region"] or "", "remote": doc["remote"] or "onsite",
        "available_from": doc["available_from"].isoformat() if doc["available_from"] else None,
        "extent": int(doc["extent"] or 0), "rate": int(doc["hourly_rate"] or 0),
        "earlier": [[a["client_id"], a["rating"]] for a in doc["earlier_assignments"]],
    }


class ProfileIndex:
    """One index directory with its cross-process writer lock."""

    def __init__(self, path: str):
        self.path = path
        os.makedirs(path, exist_ok=True)
        if not whoosh_index.exists_in(path):
            with self.write_lock():
                if not whoosh_index.exists_in(path):
                    whoosh_index.create_in(path, SCHEMA)
        self._index = whoosh_index.open_dir(path)
        self._searcher = None
        self.segment_caches = SegmentCaches()  # the candidate search's postings, per segment

    @contextmanager
    def write_lock(self, timeout: float = 120.0) -> Iterator[None]:
        """Only one writer process at a time; waits with backoff instead of failing."""
        with open(os.path.join(self.path, "writer.lock"), "a") as handle:
            deadline, pause = time.monotonic() + timeout, 0.005
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError("search index writer lock not released") from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _writer(self, **kwargs):
        pause = 0.005
        for _ in range(200):  # whoosh's own lock: a rebuild from an older process may still hold it
            try:
                return self._index.writer(**kwargs)
            except LockError:
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        raise TimeoutError("whoosh writer lock not released")

    @property
    def outdated(self) -> bool:
        """Whether the index on disk was written with an older schema (`flask search rebuild` renews it)."""
        return set(SCHEMA.names()) != set(self._index.schema.names())

    def apply(self, upserts: Iterable[ProfileDocument], deletes: Iterable[int], optimize: bool = False,
              vocabulary: skill_tokens.Vocabulary | None = None) -> None:
        """Write documents and deletions in one commit, under the writer lock. `optimize` merges every
        segment, so a deleted document's terms leave the files on disk too (erasure)."""
        with self.write_lock():
            self.write_locked(upserts, deletes, optimize=optimize, vocabulary=vocabulary)

    def write_locked(self, upserts: Iterable[ProfileDocument], deletes: Iterable[int], optimize: bool = False,
                     vocabulary: skill_tokens.Vocabulary | None = None) -> None:
        """apply() for a caller that already holds write_lock()."""
        known = set(self._index.schema.names())  # an index of an older schema keeps working until rebuilt
        writer = self._writer()
        try:
            for consultant_id in deletes:
                writer.delete_by_term("consultant_id", str(consultant_id))
            for doc in upserts:
                fields = document_fields(doc, vocabulary)
                writer.update_document(**{name: value for name, value in fields.items() if name in known})
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=optimize)

    def rebuild(self, docs: Iterable[ProfileDocument], procs: int = 1, limitmb: int = 1024,
                vocabulary: skill_tokens.Vocabulary | None = None) -> int:
        """Replace the whole index with `docs`; a multi-segment writer when procs > 1."""
        count = 0
        with self.write_lock():
            index = whoosh_index.create_in(self.path, SCHEMA)
            kwargs = {"procs": procs, "limitmb": limitmb, "multisegment": True} if procs > 1 else {"limitmb": limitmb}
            writer = index.writer(**kwargs)
            try:
                for doc in docs:
                    writer.add_document(**document_fields(doc, vocabulary))
                    count += 1
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._index = whoosh_index.open_dir(self.path)
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self.segment_caches.clear()
        return count

    def searcher(self):
        """A searcher on the latest commit; kept open between queries and refreshed when stale."""
        # Not Searcher.refresh(): it reuses segment readers and misses deletions in them.
        if self._searcher is None or not self._searcher.up_to_date():
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._index.searcher()
            self.segment_caches.prune(self._searcher)
        return self._searcher

    def stored(self) -> dict[int, str]:
        """consultant id -> stored update time, for `verify`."""
        with self._index.searcher() as searcher:
            return {int(f["consultant_id"]): f.get("updated", "") for f in searcher.all_stored_fields()}
