"""The whoosh index of consultant profiles: schema, documents, the writer lock and the candidate query.

This package is the only code that imports whoosh (STYLE rule 13).
"""
from __future__ import annotations

import fcntl
import heapq
import json
import math
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
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.writing import LockError

from portal.services.matching import skill_synonyms as skills
from portal.services.matching.records import ProfileDocument

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


_ANALYSIS = {lang: _CachedAnalysis(analyzer) for lang, analyzer in _ANALYZERS.items()}


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
    skill_keys = [k for s in doc["skills"] if (k := skills.key(s["name"]))]
    # One term per skill and language at its own level (a query asks for every level from the minimum up):
    # fewer postings than a term per level below it, which is what a rebuild spends its time on.
    levels = [f"{k}:{max(1, min(5, int(s['level'])))}" for s in doc["skills"] if (k := skills.key(s["name"]))]
    langs = []
    for entry in doc["languages"]:
        name = language_key(entry["name"])
        langs += [name, f"{name}:{entry['level'] if entry.get('level') in CEFR else CEFR[0]}"]
    texts = {"title": doc["title"] or "",
             "text": " ".join([doc["summary"] or "", doc["history_text"] or "", *doc["industries"], *doc["interests"]])}
    fields = {
        "consultant_id": str(doc["consultant_id"]),
        # keyword fields as lists of terms: whoosh takes them as they are, without running a tokenizer
        "skills": skill_keys, "skill_levels": levels, "languages": [term for term in langs if term],
        "certificates": _ANALYSIS["en"].terms(" ".join(f"{c['name']} {c['issuer']}" for c in doc["certificates"])),
        "region": skills.key(doc["region"] or ""), "remote": doc["remote"] or "onsite",
        "available_from": day_number(doc["available_from"]), "excluded": [str(c) for c in doc["excluded_client_ids"]],
        "restricted": "no", "doc": json.dumps(_stored(doc), separators=(",", ":")), "updated": updated,
    }
    language = text_language(" ".join(texts.values()))
    for part, text in texts.items():  # analysed terms, not the text: whoosh indexes a list as given
        fields[f"{part}_{language}"] = _ANALYSIS[language].terms(text)
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


# --- postings held in memory, per segment -----------------------------------------------------------

BM25_B, BM25_K1 = 0.75, 1.2  # whoosh's BM25F defaults, so scores are those whoosh would give
MAX_HELD = 3_000_000  # postings one segment's cache holds before it starts over


def _read_postings(reader, fieldname: str, term: str) -> tuple[list[int], list[float]]:
    """A term's document numbers and weights in one segment, deleted documents included."""
    try:
        matcher = reader.postings(fieldname, term)
    except TermNotFound:
        return [], []
    if isinstance(matcher, FilterMatcher):  # the deletion filter; deletions are applied by the caller
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # whoosh3's block reader: a block at a time
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


class _SegmentCache:
    """Document sets and BM25 term weights of one segment, read from its postings once.

    A segment's postings never change; only deletions are added, so every set here may hold deleted
    documents and is intersected with `live()` (which is keyed by the number of deletions)."""

    def __init__(self) -> None:
        self.sets: dict[tuple, frozenset[int]] = {}
        self.norms: dict[tuple[str, str], tuple[float, dict[int, float]]] = {}
        self.queries: dict[str, frozenset[int]] = {}
        self._live: tuple[int, frozenset[int]] | None = None
        self.held = 0  # postings held in sets and weights, to bound the memory

    def _make_room(self, size: int) -> None:
        """Start over when the cache would hold more than MAX_HELD postings (about 300 MB)."""
        if self.held + size > MAX_HELD:
            self.sets.clear()
            self.norms.clear()
            self.held = 0
        self.held += size

    def live(self, reader) -> frozenset[int]:
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        if self._live is None or self._live[0] != len(deleted):
            self._live = (len(deleted), frozenset(range(reader.doc_count_all())) - deleted)
        return self._live[1]

    def docs(self, reader, fieldname: str, term: str) -> frozenset[int]:
        key = (fieldname, term)
        if key not in self.sets:
            docs = frozenset(_read_postings(reader, fieldname, term)[0])
            self._make_room(len(docs) + 1)
            self.sets[key] = docs
        return self.sets[key]

    def union(self, reader, terms: list[tuple[str, str]]) -> frozenset[int]:
        """The documents holding any of `terms` (the spellings and levels of one requirement)."""
        key = ("|",) + tuple(terms)
        if key not in self.sets:
            docs = frozenset().union(*(self.docs(reader, f, t) for f, t in terms))
            self._make_room(len(docs) + 1)
            self.sets[key] = docs
        return self.sets[key]

    def query_docs(self, subsearcher, query) -> frozenset[int]:
        key = repr(query)
        if key not in self.queries:
            if len(self.queries) > 256:
                self.queries.clear()
            self.queries[key] = frozenset(query.docs(subsearcher))
        return self.queries[key]

    def weights(self, reader, fieldname: str, term: str, avgfl: float) -> dict[int, float]:
        """document -> BM25 term-frequency part (without idf and boost), as whoosh's BM25F computes it;
        recomputed when the average field length has drifted by more than 2 %."""
        key = (fieldname, term)
        cached = self.norms.get(key)
        if cached is None or abs(cached[0] - avgfl) > 0.02 * avgfl:
            ids, weights = _read_postings(reader, fieldname, term)
            length = reader.doc_field_length
            k1, base, slope = BM25_K1, BM25_K1 * (1 - BM25_B), BM25_K1 * BM25_B / avgfl
            cached = (avgfl, {d: tf * (k1 + 1) / (tf + base + slope * (length(d, fieldname, 1) or 1))
                              for d, tf in zip(ids, weights)})
            self._make_room(len(cached[1]) + 1)
            self.norms[key] = cached
        return cached[1]


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
        self._segments: dict[str, _SegmentCache] = {}

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

    def rebuild(self, docs: Iterable[ProfileDocument], procs: int = 1, limitmb: int = 1024) -> int:
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
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._segments = None, {}
        return count

    def searcher(self):
        """A searcher on the latest commit; kept open between queries and refreshed when stale."""
        # Not Searcher.refresh(): it reuses segment readers and misses deletions in them.
        if self._searcher is None or not self._searcher.up_to_date():
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = self._index.searcher()
            self.prune_segment_caches(self._searcher)
        return self._searcher

    def segment_cache(self, reader) -> _SegmentCache:
        """The postings cache of one segment reader; kept while the segment exists (segments never change,
        a deletion only marks documents), so a profile save invalidates only its own small new segment."""
        segment = reader.segment()
        key = segment.segment_id() if segment is not None else f"reader-{id(reader)}"
        if key not in self._segments:
            self._segments[key] = _SegmentCache()
        return self._segments[key]

    def prune_segment_caches(self, searcher) -> None:
        """Forget the caches of segments that merges have replaced."""
        alive = set()
        for sub, _ in searcher.leaf_searchers():
            segment = sub.reader().segment()
            if segment is not None:
                alive.add(segment.segment_id())
        keys = list(self._segments)  # a snapshot: another thread may be adding a segment's cache
        for key in [k for k in keys if not k.startswith("reader-") and k not in alive]:
            self._segments.pop(key, None)
        if len(keys) > 4 * len(alive) + 16:  # readers without segment ids: start over
            self._segments = {k: v for k, v in list(self._segments.items()) if k in alive}

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


def _scored_terms(searcher, query: CandidateQuery) -> list[tuple[str, str, float]]:
    """(field, term, idf × boost) of every term that adds to the text score: should skills and text stems."""
    terms = [("skills", k, boost) for keys, boost in query.should_skills for k in sorted(keys)]
    for fieldname, stem in _text_terms(searcher, query.text):
        terms.append((fieldname, stem, FIELD_BOOST.get(fieldname.rsplit("_", 1)[0], 1.0)))
    total = searcher.doc_count_all()
    weighted = []
    for fieldname, term, boost in terms:
        df = searcher.doc_frequency(fieldname, term)
        if df:
            weighted.append((fieldname, term, boost * (math.log(total / (df + 1)) + 1)))
    return weighted


def _must_terms(query: CandidateQuery) -> list[list[tuple[str, str, str]]]:
    """One group per must skill: any of its spellings at the minimum level or above passes.
    Each entry: (field, indexed term, the term an explanation shows: spelling and minimum level)."""
    groups = []
    for keys, level in query.must_skills:
        low = min(max(level, 1), 5)
        groups.append([("skill_levels", f"{k}:{n}", f"{k}:{low}") for k in sorted(keys) for n in range(low, 6)])
    return groups


def _language_terms(query: CandidateQuery) -> list[list[tuple[str, str]]]:
    """One group per must language: the language at the minimum CEFR level or above (or at any level)."""
    return [[("languages", f"{name}:{c}") for c in CEFR[CEFR.index(level):]] if level in CEFR else [("languages", name)]
            for name, level in query.must_languages]


def candidates(index: ProfileIndex, query: CandidateQuery) -> CandidateResult:
    """Profiles passing every must, minus those left out (counted per reason), best text/skill match first.

    Segment by segment, from postings held in memory: the musts and filters are set operations, and
    only the profiles that pass are scored (BM25F, as whoosh would score the should and text terms),
    so the cost follows the number of passing profiles and matching postings, not whoosh's matchers."""
    searcher = index.searcher()
    must_groups, language_terms = _must_terms(query), _language_terms(query)
    scored_terms = _scored_terms(searcher, query)
    # Without musts and languages, only profiles matching a scored term are candidates (as in a text search).
    everyone_counts = bool(must_groups or language_terms or not scored_terms)
    avgfl = {f: searcher.avg_field_length(f) or 1.0 for f in {t[0] for t in scored_terms}}
    late = Q.NumericRange("available_from", day_number(query.available_by) + 1, None) if query.available_by else None
    left_out = {"restricted": 0}
    if query.client_id is not None:
        left_out["excluded_client"] = 0
    if late is not None:
        left_out["unavailable"] = 0
    passed, scored, unscored = 0, [], []
    segments = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        cache = index.segment_cache(reader)
        live = cache.live(reader)
        restricted = cache.docs(reader, "restricted", "yes") & live
        left_out["restricted"] += len(restricted)
        if must_groups:
            passing = None
            for group in must_groups:
                either = cache.union(reader, [(f, t) for f, t, _ in group])
                passing = either & live if passing is None else passing & either
        else:
            passing = live - restricted
        for group in language_terms:
            passing = passing & cache.union(reader, group)
        if query.client_id is not None:
            hit = passing & cache.docs(reader, "excluded", str(query.client_id))
            left_out["excluded_client"] += len(hit)
            passing = passing - hit
        if late is not None:
            hit = passing & cache.query_docs(sub, late)
            left_out["unavailable"] += len(hit)
            passing = passing - hit
        passed += len(passing)
        musts = [(f, shown, cache.docs(reader, f, t)) for group in must_groups for f, t, shown in group]
        terms = [(f, t, factor, cache.weights(reader, f, t, avgfl[f])) for f, t, factor in scored_terms]
        segments.append((sub, offset, musts, terms))
        scores: dict[int, float] = {}
        get = scores.get
        for _, _, factor, weights in terms:
            for d in weights.keys() & passing:
                scores[d] = get(d, 0.0) + factor * weights[d]
        scored += [(score, -(offset + d)) for d, score in scores.items()]
        if everyone_counts and len(scores) < query.limit:
            unscored += [offset + d for d in heapq.nsmallest(query.limit, passing - scores.keys())]
    top = [(score, -neg) for score, neg in heapq.nlargest(query.limit, scored)]
    top += [(0.0, d) for d in sorted(unscored)[:query.limit - len(top)]]
    hits = [_hit(segments, docnum, score) for score, docnum in top]
    return CandidateResult(hits, passed, left_out)


def _hit(segments, docnum: int, score: float) -> Hit:
    """One candidate with the terms it matched per field and its stored document."""
    sub, offset, musts, terms = next(s for s in reversed(segments) if s[1] <= docnum)
    local = docnum - offset
    matched: dict[str, list[str]] = {}
    for f, shown, docs in musts:
        if local in docs and shown not in matched.get(f, ()):
            matched.setdefault(f, []).append(shown)
    for f, t, _, weights in terms:
        if local in weights:
            matched.setdefault(f, []).append(t)
    stored = sub.stored_fields(local)
    return Hit(int(stored["consultant_id"]), float(score), matched, json.loads(stored["doc"]))
