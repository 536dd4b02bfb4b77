"""The candidate search: profiles passing a query's musts, ranked by BM25F from postings held in memory."""
from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from whoosh import query as Q

from portal.services.matching.index_terms import ANALYZERS, CEFR, TEXT_PARTS, YEARS_CAP, day_number

if TYPE_CHECKING:
    from portal.services.matching.index_writer import ProfileIndex

FIELD_BOOST = {"title": 3.0, "text": 1.0}
SKILL_MENTION_FIELDS = (("skills", 1.0), *((f"{part}_skills", FIELD_BOOST[part]) for part in TEXT_PARTS))
MAX_TEXT_TERMS = 10


@dataclass
class CandidateQuery:
    """What matching asks the index: must filters, weighted should skills, free text, who to leave out."""

    # one group per must requirement, passed by any of its alternatives: (skill keys, min level, min years)
    must_skills: list[list[tuple[set[str], int, int]]] = field(default_factory=list)
    must_languages: list[tuple[str, str | None]] = field(default_factory=list)  # language key, min CEFR
    should_skills: list[tuple[set[str], float]] = field(default_factory=list)  # skill keys, boost
    text: str = ""  # the words of the text, without the skills it names
    text_skills: list[set[str]] = field(default_factory=list)  # skills the text names, each as its keys
    client_id: int | None = None
    available_by: date | None = None  # later available_from means unavailable
    # Near misses (near_misses.py): available later but by this day, and within the rate and extent bands.
    near_available_by: date | None = None
    rate_band: tuple[int, int] | None = None  # (highest tolerated rate, highest rate of a near miss)
    extent_band: tuple[int, int] | None = None  # (wanted extent, lowest extent of a near miss)
    max_band_misses: int = 1  # how many of rate and extent a near miss may miss besides availability
    near_limit: int = 0
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
    near_hits: list[Hit] = field(default_factory=list)  # the best near misses, not counted in left_out
    near_passed: int = 0
    near_missed: dict[str, int] = field(default_factory=dict)  # availability / rate / extent -> near misses


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
    terms += [(f, k, boost) for keys in query.text_skills for k in sorted(keys) for f, boost in SKILL_MENTION_FIELDS]
    for fieldname, stem in _text_terms(searcher, query.text):
        terms.append((fieldname, stem, FIELD_BOOST.get(fieldname.rsplit("_", 1)[0], 1.0)))
    total = searcher.doc_count_all()
    weighted = []
    for fieldname, term, boost in terms:
        df = searcher.doc_frequency(fieldname, term)
        if df:
            weighted.append((fieldname, term, boost * (math.log(total / (df + 1)) + 1)))
    return weighted


def _must_terms(query: CandidateQuery) -> list[list[tuple[list[tuple[str, str, str]], list[tuple[str, str]]]]]:
    """One group per must requirement, one entry per alternative: any of its spellings at the minimum level
    or above, each (field, indexed term, the term an explanation shows: spelling and minimum level), and,
    when years are asked for, the terms of that many years or more (else an empty list)."""
    groups = []
    for alternatives in query.must_skills:
        group = []
        for keys, level, years in alternatives:
            low = min(max(level, 1), 5)
            levels = [("skill_levels", f"{k}:{n}", f"{k}:{low}") for k in sorted(keys) for n in range(low, 6)]
            enough = [("skill_years", f"{k}:{y}") for k in sorted(keys)
                      for y in range(min(years, YEARS_CAP), YEARS_CAP + 1)] if years > 0 else []
            group.append((levels, enough))
        groups.append(group)
    return groups


def _group_docs(cache, reader, group) -> frozenset[int]:
    """The documents passing one must requirement: any alternative at its level (and years)."""
    docs: frozenset[int] = frozenset()
    for levels, enough in group:
        found = cache.union(reader, [(f, t) for f, t, _ in levels])
        docs = docs | (found & cache.union(reader, enough) if enough else found)
    return docs


def _language_terms(query: CandidateQuery) -> list[list[tuple[str, str]]]:
    """One group per must language: the language at the minimum CEFR level or above (or at any level)."""
    return [[("languages", f"{name}:{c}") for c in CEFR[CEFR.index(level):]] if level in CEFR else [("languages", name)]
            for name, level in query.must_languages]


def candidates(index: ProfileIndex, query: CandidateQuery) -> CandidateResult:
    """Profiles passing every must, minus those left out (counted per reason), best text/skill match first;
    and the near misses: passing every must but available later, within the query's bands.

    Segment by segment, from postings held in memory: the musts and filters are set operations, and
    only the profiles that pass are scored (BM25F, as whoosh would score the should and text terms),
    so the cost follows the number of passing profiles and matching postings, not whoosh's matchers."""
    searcher = index.searcher()
    segment_caches = index.segment_caches
    must_groups, language_terms = _must_terms(query), _language_terms(query)
    scored_terms = _scored_terms(searcher, query)
    # Without musts and languages, only profiles matching a scored term are candidates (as in a text search).
    # A skill the text names that no profile has leaves nobody: "C#" never means everyone.
    everyone_counts = bool(must_groups or language_terms or not (scored_terms or query.text_skills))
    avgfl = {f: searcher.avg_field_length(f) or 1.0 for f in {t[0] for t in scored_terms}}
    late = Q.NumericRange("available_from", day_number(query.available_by) + 1, None) if query.available_by else None
    near_late, bands = _near_queries(searcher.schema, query, late)
    left_out = {"restricted": 0}
    if query.client_id is not None:
        left_out["excluded_client"] = 0
    if late is not None:
        left_out["unavailable"] = 0
    near_missed = {"availability": 0, **{code: 0 for code, _, _ in bands}} if near_late is not None else {}
    passed, near_passed, scored, unscored, near_scored, near_unscored = 0, 0, [], [], [], []
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
                either = _group_docs(cache, reader, group)
                passing = either & live if passing is None else passing & either
        else:
            passing = live - restricted
        for group in language_terms:
            passing = passing & cache.union(reader, group)
        if query.client_id is not None:
            hit = passing & cache.docs(reader, "excluded", str(query.client_id))
            left_out["excluded_client"] += len(hit)
            passing = passing - hit
        near: frozenset[int] = frozenset()
        if late is not None:
            hit = passing & cache.query_docs(sub, late)
            if near_late is not None:
                near = _near(cache, sub, hit & cache.query_docs(sub, near_late), bands, query.max_band_misses,
                             near_missed)
            left_out["unavailable"] += len(hit) - len(near)
            passing = passing - hit
        passed += len(passing)
        near_passed += len(near)
        musts = [(f, shown, cache.docs(reader, f, t)) for group in must_groups for levels, _ in group
                 for f, t, shown in levels]
        terms = [(f, t, factor, cache.weights(reader, f, t, avgfl[f])) for f, t, factor in scored_terms]
        segments.append((sub, offset, musts, terms))
        scores: dict[int, float] = {}
        get = scores.get
        pool = passing | near
        for _, _, factor, weights in terms:
            for d in weights.keys() & pool:
                scores[d] = get(d, 0.0) + factor * weights[d]
        near_count = 0
        for d, score in scores.items():
            if d in near:
                near_scored.append((score, -(offset + d)))
                near_count += 1
            else:
                scored.append((score, -(offset + d)))
        if everyone_counts and len(scores) - near_count < query.limit:
            unscored += [offset + d for d in heapq.nsmallest(query.limit, passing - scores.keys())]
        if everyone_counts and near_count < query.near_limit:
            near_unscored += [offset + d for d in heapq.nsmallest(query.near_limit, near - scores.keys())]
    hits = [_hit(segments, docnum, score) for score, docnum in _best(scored, unscored, query.limit)]
    near_hits = [_hit(segments, docnum, score)
                 for score, docnum in _best(near_scored, near_unscored, query.near_limit)]
    return CandidateResult(hits, passed, left_out, near_hits, near_passed, near_missed)


def _near_queries(schema, query: CandidateQuery, late) -> tuple:
    """The window of a near miss's availability, and per band (code, the docs missing it, those too far off).
    An index of an older schema has no rate and extent fields: its near misses are not banded until rebuilt."""
    if late is None or not query.near_available_by or query.near_limit <= 0:
        return None, []
    window = Q.NumericRange("available_from", day_number(query.available_by) + 1, day_number(query.near_available_by))
    bands = []
    if query.rate_band and "rate" in schema:
        tolerated, highest = query.rate_band
        bands.append(("rate", Q.NumericRange("rate", tolerated + 1, None), Q.NumericRange("rate", highest + 1, None)))
    if query.extent_band and "extent" in schema:
        wanted, lowest = query.extent_band
        bands.append(("extent", Q.NumericRange("extent", 0, wanted - 1),
                      Q.NumericRange("extent", 0, lowest - 1) if lowest > 0 else None))
    return window, bands


def _near(cache, sub, window: frozenset[int], bands: list, max_band_misses: int, counts: dict) -> frozenset[int]:
    """The near misses among the profiles late by at most the window: none too far off on a band, and at most
    `max_band_misses` bands missed; counted per miss into `counts`."""
    near = window
    for _, _, far in bands:
        if far is not None:
            near = near - cache.query_docs(sub, far)
    missing = [(code, near & cache.query_docs(sub, miss)) for code, miss, _ in bands]
    extra: dict[int, int] = {}
    for _, docs in missing:
        for d in docs:
            extra[d] = extra.get(d, 0) + 1
    near = frozenset(d for d in near if extra.get(d, 0) <= max_band_misses)
    counts["availability"] += len(near)
    for code, docs in missing:
        counts[code] += len(docs & near)
    return near


def _best(scored: list[tuple[float, int]], unscored: list[int], limit: int) -> list[tuple[float, int]]:
    """The best `limit` (score, docnum): the scored first, then those without a score by document number."""
    top = [(score, -neg) for score, neg in heapq.nlargest(limit, scored)]
    return top + [(0.0, d) for d in sorted(unscored)[:max(limit - len(top), 0)]]


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
