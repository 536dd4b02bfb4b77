"""The baselines: SQLite FTS5 BM25 over each profile's text, raw and with the ranker's own filters and pruning.

`search` is plain BM25: every word of the assignment OR-ed, no rule applied. `search_filtered` is the fair
baseline (issue #17): the same hard filters as the ranker (must requirements read as the ranker reads them,
"C/C++" either skill and "minst fem års" years with it, each skill through the synonym table at the minimum
level or above, must languages at the minimum CEFR level or above, the client's exclusions,
restricted profiles, availability by the start plus the ranker's grace) and the same term pruning (text
words found in under 30 % of profiles, the rarest `MAX_TEXT_TERMS`; should skills always), ranked by BM25.
Both run on one FTS5 table: the profile text in `body`, the filter facts as tokens in `filt` (weight 0).
"""
from __future__ import annotations

import re
import sqlite3

from portal.services.matching import skills
from portal.services.matching.index_ranking import MAX_TEXT_TERMS
from portal.services.matching.index_terms import CEFR, day_number, language_key

from portal.services.matching.ranker import AVAILABILITY_GRACE
from portal.services.matching.records import AssignmentQuery, ProfileDocument

try:  # the ranker's reading of requirements as buyers write them ("C/C++", "minst fem års erfarenhet")
    from portal.services.matching import requirements, skill_tokens
except ImportError:  # an engine without it takes a must requirement as one skill's name
    requirements = skill_tokens = None
YEARS_CAP = 20  # as the index: more years count as this many

_WORD = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer keeps: letters and digits
COMMON = 0.3  # a text word in this share of profiles or more says nothing (as the ranker's pruning)
EVERYONE = "zzall"  # in every profile's filt, so a filtered query can rank profiles matching no word
RESTRICTED = "zzrestricted"


def concatenated(doc: ProfileDocument) -> str:
    parts = [doc["title"], doc["summary"], doc["history_text"], doc["region"], *doc["industries"], *doc["interests"],
             *(f"{s['name']}" for s in doc["skills"]), *(f"{l['name']} {l['level']}" for l in doc["languages"]),
             *(f"{c['name']} {c['issuer']}" for c in doc["certificates"])]
    return " ".join(parts)


def _skill_token(key: str, level: int) -> str:
    return f"sk{key}l{level}"  # the level is one digit, so distinct (key, level) give distinct tokens


def _years_token(key: str, years: int) -> str:
    return f"yr{key}y{years}"  # split at the last "y": the years are digits only, so distinct tokens


def _language_token(key: str, level: str | None = None) -> str:
    return f"lg{key}l{level.lower()}" if level else f"lg{key}"


def filter_tokens(doc: ProfileDocument) -> str:
    """The facts the hard filters read, as FTS5 tokens: skills at their level, languages, exclusions."""
    if doc["restricted"]:
        return f"{EVERYONE} {RESTRICTED}"
    tokens = [EVERYONE]
    for skill in doc["skills"]:
        if k := skills.key(skill["name"]):
            tokens += [_skill_token(k, max(1, min(5, int(skill["level"])))),
                       _years_token(k, max(0, min(YEARS_CAP, int(skill.get("years") or 0))))]
    for entry in doc["languages"]:
        key = language_key(entry["name"])
        if key:
            tokens += [_language_token(key), _language_token(key, entry["level"] if entry.get("level") in CEFR
                                                             else CEFR[0])]
    tokens += [f"ex{c}" for c in doc["excluded_client_ids"]]
    return " ".join(tokens)


def words(text: str) -> list[str]:
    return sorted({w.lower() for w in _WORD.findall(text)})


def _either(column: str, tokens) -> str:
    return f"{column}:(" + " OR ".join(f'"{t}"' for t in sorted(tokens)) + ")"


class Fts5:
    def __init__(self, docs: list[ProfileDocument], table: skills.SynonymTable | None = None, vocabulary=None):
        """`table` and `vocabulary` as the ranker has them: by default the defaults (the bench's generated
        profiles have no database); the portal's pass skill_tokens.load(), which knows the skills profiles name."""
        self.table = table or skills.default_table()
        self.vocabulary = vocabulary or (skill_tokens.build(self.table) if skill_tokens is not None else None)
        self.conn = sqlite3.connect(":memory:")
        # Diacritics kept: Swedish å, ä, ö are letters of their own, and pruning looks words up as typed.
        self.conn.execute("CREATE VIRTUAL TABLE profiles USING fts5(body, filt, tokenize='unicode61 remove_diacritics 0')")
        self.conn.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(profiles, 'col')")
        self.conn.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, available INTEGER NOT NULL, rate INTEGER)")
        self.conn.executemany("INSERT INTO profiles(rowid, body, filt) VALUES (?, ?, ?)",
                              ((d["consultant_id"], concatenated(d), filter_tokens(d)) for d in docs))
        self.conn.executemany("INSERT INTO facts(id, available, rate) VALUES (?, ?, ?)",
                              ((d["consultant_id"], day_number(d["available_from"]), d["hourly_rate"]) for d in docs))
        self.conn.commit()
        self.total = len(docs)

    def search(self, text: str, limit: int = 20) -> list[int]:
        """Plain BM25: every word OR-ed, no filter."""
        match = " OR ".join(f'"{w}"' for w in words(text))
        if not match:
            return []
        rows = self.conn.execute("SELECT rowid FROM profiles WHERE profiles MATCH ? ORDER BY bm25(profiles, 1.0, 0.0) "
                                 "LIMIT ?", (f"body:({match})", limit))
        return [r[0] for r in rows]

    def pruned_words(self, text: str) -> list[str]:
        """The ranker's pruning: words in under 30 % of profiles (and in at least one), the rarest first."""
        found = words(text)
        if not found:
            return []
        marks = ",".join("?" * len(found))
        df = dict(self.conn.execute(f"SELECT term, doc FROM vocab WHERE col = 'body' AND term IN ({marks})", found))
        kept = sorted((n, w) for w, n in df.items() if 0 < n < self.total * COMMON)
        return [w for _, w in kept[:MAX_TEXT_TERMS]]

    def match_expression(self, query: AssignmentQuery) -> str:
        parts = [self._must(must) for must in query.must_skills]
        for must in query.languages:
            key, level = language_key(must["name"]), must.get("min_level")
            parts.append(_either("filt", {_language_token(key, c) for c in CEFR[CEFR.index(level):]}
                                 if level in CEFR else {_language_token(key)}))
        terms = set(self.pruned_words(query.text))
        terms |= {w for s in query.should_skills for w in words(s["name"])}
        if parts or not terms:  # as the ranker: with musts, every passing profile is a candidate
            parts.append(f"({_either('body', terms)} OR filt:\"{EVERYONE}\")" if terms else f'filt:"{EVERYONE}"')
        else:
            parts.append(_either("body", terms))
        expression = "(" + " AND ".join(parts) + f') NOT filt:"{RESTRICTED}"'
        if query.client_id is not None:
            expression = f'({expression}) NOT filt:"ex{query.client_id}"'
        return expression

    def _must(self, must: dict) -> str:
        """One must requirement as the ranker reads it: every group met by one of its alternatives, each at the
        minimum level or above and with the years asked for."""
        low = min(max(int(must.get("min_level") or 1), 1), 5)
        if requirements is None:
            groups, years = [[must["name"]]], int(must.get("min_years") or 0)
        else:
            read = requirements.parse(must["name"], self.vocabulary)
            groups, years = read.groups, max(read.min_years, int(must.get("min_years") or 0))
        clauses = []
        for group in groups:
            alternatives = []
            for name in group:
                keys = self.table.variants(name)
                level = _either("filt", {_skill_token(k, n) for k in keys for n in range(low, 6)})
                if years > 0:
                    level += " AND " + _either("filt", {_years_token(k, y) for k in keys
                                                        for y in range(min(years, YEARS_CAP), YEARS_CAP + 1)})
                alternatives.append(f"({level})")
            clauses.append("(" + " OR ".join(alternatives) + ")")
        return "(" + " AND ".join(clauses) + ")"

    def search_filtered(self, query: AssignmentQuery, limit: int = 20, *, rate_rule: bool = False,
                        by_id: bool = False) -> list[int]:
        """BM25 with the ranker's hard filters and term pruning. Only to show what the generator's grades
        reward: `rate_rule` also drops rates over the ceiling + 10 % (a rule of those grades, not of the
        ranker), `by_id` orders by id instead of BM25 (no text at all)."""
        conditions, args = ["profiles MATCH ?"], [self.match_expression(query)]
        if query.start:
            conditions.append("facts.available <= ?")
            args.append(day_number(query.start + AVAILABILITY_GRACE))
        if rate_rule and query.rate_ceiling:
            conditions.append("facts.rate <= ?")
            args.append(query.rate_ceiling * 1.1)
        order = "profiles.rowid" if by_id else "bm25(profiles, 1.0, 0.0), profiles.rowid"
        rows = self.conn.execute(f"SELECT profiles.rowid FROM profiles JOIN facts ON facts.id = profiles.rowid "
                                 f"WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT ?", (*args, limit))
        return [r[0] for r in rows]
