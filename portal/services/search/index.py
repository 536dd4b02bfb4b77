"""The whoosh index of consultant profiles: schema, documents, the writer lock and the candidate query.

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
from dataclasses import dataclass, field
from datetime import date

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.writing import LockError

from portal.services import skill_synonyms as skills
from portal.services.matching_types import ProfileDocument

CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
TEXT_PARTS = ("title", "text")  # text: summary, employment and education history, industries, interests
LANGS = ("sv", "en")
_ANALYZERS = {lang: LanguageAnalyzer(lang) for lang in LANGS}
_WORD = re.compile(r"\w+")
_SWEDISH_LETTERS = re.compile(r"\w*[åäö]\w*")
_SV_HINTS = frozenset("och att det som för med på är av till har inom jag en ett erfarenhet arbetat "
                      "utveckling projekt system kunder".split())
_EN_HINTS = frozenset("and the to of for with in is as have has experience worked development projects "
                      "systems customers".split())
_LANGUAGE_NAMES = {"svenska": "swedish", "engelska": "english", "tyska": "german", "franska": "french",
                   "spanska": "spanish", "norska": "norwegian", "danska": "danish", "finska": "finnish"}


def _schema() -> Schema:
    fields = {
        "consultant_id": ID(stored=True, unique=True),
        "skills": KEYWORD(scorable=True),
        "skill_levels": KEYWORD,
        "languages": KEYWORD,
        "certificates": TEXT(analyzer=_ANALYZERS["en"], phrase=False),
        "region": ID,
        "remote": ID,
        "available_from": NUMERIC(int, bits=32, signed=False, shift_step=16),
        "excluded": KEYWORD,
        "restricted": ID,
        "doc": STORED,
        "updated": STORED,
    }
    for part in TEXT_PARTS:
        for lang in LANGS:
            fields[f"{part}_{lang}"] = TEXT(analyzer=_ANALYZERS[lang], phrase=False)
    return Schema(**fields)


SCHEMA = _schema()


def text_language(text: str) -> str:
    """'sv' or 'en': which stemmer a profile's text gets (Swedish hints and å/ä/ö win a tie)."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    sv = sum(w in _SV_HINTS for w in words) + len(_SWEDISH_LETTERS.findall(lowered))
    en = sum(w in _EN_HINTS for w in words)
    return "sv" if sv >= en and sv > 0 else "en"


def language_key(name: str) -> str:
    k = skills.key(name)
    return _LANGUAGE_NAMES.get(k, k)


def is_language(name: str) -> bool:
    """Whether a requirement names a spoken language ("Svenska", "English") rather than a skill."""
    k = skills.key(name)
    return k in _LANGUAGE_NAMES or k in _LANGUAGE_NAMES.values()


def day_number(value: date | None) -> int:
    return value.toordinal() if value else 0


def document_fields(doc: ProfileDocument) -> dict:
    """The whoosh fields of one profile document; a restricted profile leaves only a stub (R-RIGHTS-5)."""
    updated = doc["updated_at"].isoformat() if doc.get("updated_at") else ""
    if doc["restricted"]:  # no profile data is processed, but rankings can say how many were left out
        return {"consultant_id": str(doc["consultant_id"]), "restricted": "yes", "doc": "{}", "updated": updated}
    skill_keys = [skills.key(s["name"]) for s in doc["skills"] if skills.key(s["name"])]
    levels = [f"{skills.key(s['name'])}:{n}" for s in doc["skills"] for n in range(1, int(s["level"]) + 1)]
    langs = []
    for entry in doc["languages"]:
        name = language_key(entry["name"])
        level = CEFR.index(entry["level"]) + 1 if entry.get("level") in CEFR else 1
        langs += [name] + [f"{name}:{CEFR[n]}" for n in range(level)]
    texts = {"title": doc["title"] or "",
             "text": " ".join([doc["summary"] or "", doc["history_text"] or "", *doc["industries"], *doc["interests"]])}
    fields = {
        "consultant_id": str(doc["consultant_id"]),
        "skills": " ".join(skill_keys), "skill_levels": " ".join(levels), "languages": " ".join(langs),
        "certificates": " ".join(f"{c['name']} {c['issuer']}" for c in doc["certificates"]),
        "region": skills.key(doc["region"] or ""), "remote": doc["remote"] or "onsite",
        "available_from": day_number(doc["available_from"]), "excluded": " ".join(str(c) for c in doc["excluded_client_ids"]),
        "restricted": "no", "doc": json.dumps(_stored(doc), separators=(",", ":")), "updated": updated,
    }
    language = text_language(" ".join(texts.values()))
    for part, text in texts.items():
        fields[f"{part}_{language}"] = text
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


# --- the index on disk ----------------------------------------------------------------------------

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
        self._docsets: dict[str, frozenset[int]] = {}
        self._docsets_generation = -1

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

    def apply(self, upserts: Iterable[ProfileDocument], deletes: Iterable[int], optimize: bool = False) -> None:
        """Write documents and deletions in one commit, under the writer lock. `optimize` merges every
        segment, so a deleted document's terms leave the files on disk too (erasure)."""
        with self.write_lock():
            self.write_locked(upserts, deletes, optimize=optimize)

    def write_locked(self, upserts: Iterable[ProfileDocument], deletes: Iterable[int], optimize: bool = False) -> None:
        """apply() for a caller that already holds write_lock()."""
        writer = self._writer()
        try:
            for consultant_id in deletes:
                writer.delete_by_term("consultant_id", str(consultant_id))
            for doc in upserts:
                writer.update_document(**document_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=optimize)

    def rebuild(self, docs: Iterable[ProfileDocument], procs: int = 1, limitmb: int = 256) -> int:
        """Replace the whole index with `docs`; a multi-segment writer when procs > 1."""
        count = 0
        with self.write_lock():
            index = whoosh_index.create_in(self.path, SCHEMA)
            kwargs = {"procs": procs, "limitmb": limitmb, "multisegment": True} if procs > 1 else {"limitmb": limitmb}
            writer = index.writer(**kwargs)
            try:
                for doc in docs:
                    writer.add_document(**document_fields(doc))
                    count += 1
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._index = whoosh_index.open_dir(self.path)
            self._searcher = None
        return count

    def searcher(self):
        """A searcher on the latest commit; kept open between queries and refreshed when stale."""
        # Not Searcher.refresh(): it reuses segment readers and misses deletions in them.
        if self._searcher is None or not self._searcher.up_to_date():
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._index.searcher()
        return self._searcher

    def docset(self, searcher, query) -> frozenset[int]:
        """The documents matching a filter query, cached until the index changes (the masks of a ranking)."""
        generation = searcher.reader().generation()
        if self._docsets_generation != generation:
            self._docsets, self._docsets_generation = {}, generation
        cache_key = repr(query)
        if cache_key not in self._docsets:
            if len(self._docsets) > 256:
                self._docsets.clear()
            self._docsets[cache_key] = frozenset(query.docs(searcher))
        return self._docsets[cache_key]

    def stored(self) -> dict[int, str]:
        """consultant id -> stored update time, for `verify`."""
        with self._index.searcher() as searcher:
            return {int(f["consultant_id"]): f.get("updated", "") for f in searcher.all_stored_fields()}


# --- asking the index -----------------------------------------------------------------------------

FIELD_BOOST = {"title": 3.0, "text": 1.0}
MAX_TEXT_TERMS = 10


@dataclass
class CandidateQuery:
    """What matching asks the index: must filters, weighted should skills, free text, who to leave out."""

    must_skills: list[tuple[set[str], int]] = field(default_factory=list)  # skill keys, min level
    must_languages: list[tuple[str, str | None]] = field(default_factory=list)  # language key, min CEFR
    should_skills: list[tuple[set[str], float]] = field(default_factory=list)  # skill keys, boost
    text: str = ""
    client_id: int | None = None
    available_by: date | None = None  # later available_from means unavailable
    limit: int = 100


@dataclass
class Hit:
    consultant_id: int
    text_score: float
    matched: dict[str, list[str]]
    stored: dict


@dataclass
class CandidateResult:
    hits: list[Hit]
    passed: int
    left_out: dict[str, int]


def _text_terms(searcher, text: str) -> list[tuple[str, str]]:
    """(field, stem) pairs worth searching: the stem occurs in that field, in under 30 % of profiles;
    the rarest stems first, at most MAX_TEXT_TERMS per language."""
    total = max(searcher.doc_count(), 1)
    chosen = []
    for lang, analyzer in _ANALYZERS.items():
        scored = []
        for stem in {token.text for token in analyzer(text)}:
            found = {part: searcher.doc_frequency(f"{part}_{lang}", stem) for part in TEXT_PARTS}
            if lang == "en":
                found["certificates"] = searcher.doc_frequency("certificates", stem)
            df = sum(found.values())
            if 0 < df < total * 0.3:
                scored.append((df, stem, [part for part, n in found.items() if n]))
        for _, stem, parts in sorted(scored)[:MAX_TEXT_TERMS]:
            chosen += [(part if part == "certificates" else f"{part}_{lang}", stem) for part in parts]
    return chosen


def _required(query: CandidateQuery):
    parts = [Q.Or([Q.Term("skill_levels", f"{k}:{max(level, 1)}") for k in sorted(keys)])
             for keys, level in query.must_skills]
    return Q.And(parts) if parts else None


def _language_docs(index: ProfileIndex, searcher, query: CandidateQuery) -> frozenset[int] | None:
    """Profiles with every must language. Most profiles have them, so they filter as a cached set
    rather than drive the intersection of the must query (which would walk their long postings)."""
    docs = None
    for name, level in query.must_languages:
        found = index.docset(searcher, Q.Term("languages", f"{name}:{level}" if level in CEFR else name))
        docs = found if docs is None else docs & found
    return docs


def _optional(searcher, query: CandidateQuery):
    parts = [Q.Term("skills", k, boost=boost) for keys, boost in query.should_skills for k in sorted(keys)]
    for fieldname, stem in _text_terms(searcher, query.text):
        parts.append(Q.Term(fieldname, stem, boost=FIELD_BOOST.get(fieldname.rsplit("_", 1)[0], 1.0)))
    return Q.Or(parts) if parts else None


def candidates(index: ProfileIndex, query: CandidateQuery) -> CandidateResult:
    """Profiles passing every must, minus those left out (counted per reason), best text/skill match first."""
    searcher = index.searcher()
    required, optional = _required(query), _optional(searcher, query)
    restricted = index.docset(searcher, Q.Term("restricted", "yes"))
    if required is not None:
        passing = set(required.docs(searcher))
    else:
        passing = set(index.docset(searcher, Q.Every()) - restricted)
    languages = _language_docs(index, searcher, query)
    if languages is not None:
        passing &= languages
    reasons = {}
    if query.client_id is not None:
        reasons["excluded_client"] = index.docset(searcher, Q.Term("excluded", str(query.client_id)))
    if query.available_by is not None:
        late = Q.NumericRange("available_from", day_number(query.available_by) + 1, None)
        reasons["unavailable"] = index.docset(searcher, late)
    # Restricted profiles are stubs without data: all counted, as nobody can tell whether they would match.
    left_out, mask = {"restricted": len(restricted)}, set(restricted)
    for reason, docs in reasons.items():
        hit = (passing & docs) - mask
        left_out[reason] = len(hit)
        mask |= hit
    if required is not None and optional is not None:
        final = Q.AndMaybe(Q.ConstantScoreQuery(required, 0.0), optional)
    else:
        final = optional if optional is not None else (required or Q.Every())
    hits = []
    allowed = passing - mask
    if allowed:
        if required is None and languages is None:
            results = searcher.search(final, limit=query.limit, mask=mask or None, terms=True)
        else:
            results = searcher.search(final, limit=query.limit, filter=allowed, terms=True)
        for hit in results:
            matched: dict[str, list[str]] = {}
            for fieldname, term in hit.matched_terms():
                text = term.decode() if isinstance(term, bytes) else str(term)
                matched.setdefault(fieldname, []).append(text)
            hits.append(Hit(int(hit["consultant_id"]), float(hit.score), matched, json.loads(hit["doc"])))
    return CandidateResult(hits, len(allowed), left_out)
