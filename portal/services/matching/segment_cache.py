"""The candidate search's postings, held in memory per index segment until a merge replaces the segment."""
from __future__ import annotations

from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

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


class SegmentCache:
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
        """The segment's documents that are not deleted."""
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        if self._live is None or self._live[0] != len(deleted):
            self._live = (len(deleted), frozenset(range(reader.doc_count_all())) - deleted)
        return self._live[1]

    def docs(self, reader, fieldname: str, term: str) -> frozenset[int]:
        """The documents holding `term` in `fieldname`."""
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
        """The documents a whoosh query matches in this segment."""
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


class SegmentCaches:
    """The postings caches of one index, a cache per segment, kept while the segment exists."""

    def __init__(self) -> None:
        self._caches: dict[str, SegmentCache] = {}

    def clear(self) -> None:
        """Forget every segment (the index was rebuilt)."""
        self._caches = {}

    def of(self, reader) -> SegmentCache:
        """The postings cache of one segment reader; kept while the segment exists (segments never change,
        a deletion only marks documents), so a profile save invalidates only its own small new segment."""
        segment = reader.segment()
        key = segment.segment_id() if segment is not None else f"reader-{id(reader)}"
        if key not in self._caches:
            self._caches[key] = SegmentCache()
        return self._caches[key]

    def prune(self, searcher) -> None:
        """Forget the caches of segments that merges have replaced."""
        alive = set()
        for sub, _ in searcher.leaf_searchers():
            segment = sub.reader().segment()
            if segment is not None:
                alive.add(segment.segment_id())
        keys = list(self._caches)  # a snapshot: another thread may be adding a segment's cache
        for key in [k for k in keys if not k.startswith("reader-") and k not in alive]:
            self._caches.pop(key, None)
        if len(keys) > 4 * len(alive) + 16:  # readers without segment ids: start over
            self._caches = {k: v for k, v in list(self._caches.items()) if k in alive}
