"""The candidate search: profiles passing a query's musts, ranked by BM25F from postings held in memory."""
from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from whoosh import query as Q

from portal.services.matching.index_terms import ANALYZERS, CEFR, TEXT_PARTS, day_number

if TYPE_CHECKING:
    from portal.services.matching.index_writer import ProfileIndex

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
    """One candidate: its should/text score, the terms it matched per field, and its stored document."""

    consultant_id: int
    text_score: float
    matched: dict[str, list[str]]
    stored: dict


@dataclass
class CandidateResult:
    """The best candidates, how many profiles passed every must, and how many were left out per reason."""

    hits: list[Hit]
    passed: int
    left_out: dict[str, int]


def _text_terms(searcher, text: str) -> list[tuple[str, str]]:
    """(field, stem) pairs worth searching: the stem occurs in that field, in under 30 % of profiles;
    the rarest stems first, at most MAX_TEXT_TERMS per language."""
    total = max(searcher.doc_count(), 1)
    chosen = []
    for lang, analyzer in ANALYZERS.items():
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
    segment_caches = index.segment_caches
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
        cache = segment_caches.of(reader)
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
