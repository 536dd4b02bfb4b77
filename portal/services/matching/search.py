"""The search index of consultant profiles, kept in step with the database (STYLE rule 13).

Only the matching package imports whoosh (index_writer.py, index_ranking.py and their helpers).
Profile code calls `enqueue()` in the transaction that changes a profile (an outbox row); `drain()`
applies pending rows to the index after the commit (web hook, `flask search sync`) and deletes them.
One writer at a time across processes: a file lock beside the index, and whoosh's own lock
retried with backoff, so no LockError reaches a caller and no update is lost (a row is deleted only after
the index holding its change was committed). `remove_now()` takes a person out at once (erasure,
restriction). The index can always be rebuilt from the database (`rebuild`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import SearchIndexOutbox
from portal.services.matching import skill_tokens
from portal.services.matching.records import ProfileDocument
from portal.services.matching.index_ranking import CandidateQuery, CandidateResult, Hit, candidates  # noqa: F401
from portal.services.matching.index_terms import day_number, is_language, language_key  # noqa: F401
from portal.services.matching.index_writer import SCHEMA, ProfileIndex, document_fields, text_language  # noqa: F401

DocumentLoader = Callable[[int], "ProfileDocument | None"]
BatchLoader = Callable[[list[int]], "dict[int, ProfileDocument]"]
_providers: dict[str, Callable | None] = {"load_document": None, "load_documents": None, "ids": None}
_indexes: dict[str, ProfileIndex] = {}
DRAIN_BATCH = 500
LOAD_BATCH = 500


class NoDocumentLoader(RuntimeError):
    """No profile model is connected to the index yet (set_document_loader was never called)."""


def set_document_loader(fn: DocumentLoader | None, batch: BatchLoader | None = None) -> None:
    """Connect the profile model: fn(consultant_id) returns its ProfileDocument, or None when gone;
    batch(ids), when given, returns the documents of many ids at once (absent ids are gone)."""
    _providers["load_document"] = fn
    _providers["load_documents"] = batch


def _load_many(ids: list[int], load: DocumentLoader) -> Iterable["ProfileDocument | None"]:
    """The documents of `ids` in order (None when gone), a batch at a time when a batch loader is connected."""
    batch = _providers["load_documents"] if load is _providers["load_document"] else None
    if batch is None:
        yield from (load(i) for i in ids)
        return
    for start in range(0, len(ids), LOAD_BATCH):
        chunk = ids[start:start + LOAD_BATCH]
        found = batch(chunk)
        yield from (found.get(i) for i in chunk)


def set_id_source(fn: Callable[[], Iterable[int]] | None) -> None:
    """Connect the profile model: fn() lists every consultant id that belongs in the index."""
    _providers["ids"] = fn


def document_loader() -> DocumentLoader:
    if _providers["load_document"] is None:
        raise NoDocumentLoader("no profile document loader is registered (search.set_document_loader)")
    return _providers["load_document"]


def id_source() -> Callable[[], Iterable[int]]:
    if _providers["ids"] is None:
        raise NoDocumentLoader("no consultant id source is registered (search.set_id_source)")
    return _providers["ids"]


def current_index() -> ProfileIndex:
    path = current_app.config["SEARCH_INDEX_DIR"]
    if path not in _indexes:
        _indexes[path] = ProfileIndex(path)
    return _indexes[path]


def enqueue(consultant_id: int, op: str = "upsert") -> None:
    """Record a profile change for the indexer, in the caller's transaction (flushed, not committed)."""
    if op not in ("upsert", "delete"):
        raise ValueError(f"unknown index operation {op!r}")
    db.session.add(SearchIndexOutbox(consultant_id=consultant_id, op=op))
    db.session.flush()
    db.session.info["search_queued"] = True


def pending() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SearchIndexOutbox)) or 0


def drain(load_document: DocumentLoader | None = None, index: ProfileIndex | None = None,
          lock_timeout: float = 120.0) -> int:
    """Apply every pending outbox row to the index, then delete the rows; returns how many rows.

    The document is read when the row is applied, so the index gets the latest state; a change
    committed meanwhile writes a new row, which this drain does not delete.
    """
    load = load_document or document_loader()
    index = index or current_index()
    vocabulary = skill_tokens.load()
    done = 0
    with index.write_lock(timeout=lock_timeout):
        while True:
            db.session.rollback()  # a fresh snapshot: see rows committed by other processes
            rows = db.session.execute(sa.select(SearchIndexOutbox.id, SearchIndexOutbox.consultant_id,
                                                SearchIndexOutbox.op)
                                      .order_by(SearchIndexOutbox.id).limit(DRAIN_BATCH)).all()
            if not rows:
                return done
            last_op = {row.consultant_id: row.op for row in rows}
            wanted = [consultant_id for consultant_id, op in last_op.items() if op == "upsert"]
            docs = dict(zip(wanted, _load_many(wanted, load)))
            upserts, deletes = [], []
            for consultant_id in last_op:
                doc = docs.get(consultant_id)
                if doc is None:
                    deletes.append(consultant_id)
                else:
                    upserts.append(doc)
            index.write_locked(upserts, deletes, vocabulary=vocabulary)
            db.session.execute(sa.delete(SearchIndexOutbox).where(SearchIndexOutbox.id.in_([r.id for r in rows])))
            db.session.commit()
            done += len(rows)


def remove_now(consultant_id: int, index: ProfileIndex | None = None, purge: bool = False) -> None:
    """Take a person out of the index at once (erasure, restriction); does not wait for the outbox.
    `purge` (erasure) also rewrites the segments, so no trace of the profile stays on disk."""
    (index or current_index()).apply([], [consultant_id], optimize=purge)


def index_queued_changes(response):
    """After-request hook: a profile saved in this request reaches the index within the request."""
    if db.session.info.pop("search_queued", False) and _providers["load_document"] is not None:
        try:
            drain(lock_timeout=2.0)
        except TimeoutError:  # a rebuild holds the writer; the rows wait for the next drain
            current_app.logger.info("search.drain_postponed")
        except Exception:  # the rows stay in the outbox; the next drain or `flask search sync` applies them
            current_app.logger.exception("search.drain_failed")
            db.session.rollback()
    return response


def rebuild(progress: Callable[[int], None] | None = None, procs: int = 1, ids: list[int] | None = None) -> int:
    """Re-index every consultant the id source lists; clears the outbox rows it covered."""
    load = document_loader()
    ids = list(id_source()()) if ids is None else ids
    first_pending = db.session.scalar(sa.select(sa.func.max(SearchIndexOutbox.id))) or 0

    def documents():
        for n, doc in enumerate(_load_many(ids, load), 1):
            if doc is not None:
                yield doc
            if progress:
                progress(n)

    count = current_index().rebuild(documents(), procs=procs, vocabulary=skill_tokens.load())
    db.session.execute(sa.delete(SearchIndexOutbox).where(SearchIndexOutbox.id <= first_pending))
    db.session.commit()
    return count


@dataclass
class Differences:
    missing: list[int]  # in the database, not in the index
    extra: list[int]  # in the index, not in the database
    stale: list[int]  # in both, but the index holds an older version
    outdated: bool = False  # the index was written with an older schema: rebuild it

    @property
    def any(self) -> bool:
        return bool(self.missing or self.extra or self.stale or self.outdated)


def verify() -> Differences:
    """Compare the index with what the loader says the database holds."""
    load, expected = document_loader(), {}
    ids = list(id_source()())
    for consultant_id, doc in zip(ids, _load_many(ids, load)):
        if doc is not None:
            expected[consultant_id] = doc["updated_at"].isoformat() if doc.get("updated_at") else ""
    index = current_index()
    indexed = index.stored()
    return Differences(
        missing=sorted(expected.keys() - indexed.keys()), extra=sorted(indexed.keys() - expected.keys()),
        stale=sorted(i for i in expected.keys() & indexed.keys() if expected[i] != indexed[i]),
        outdated=index.outdated)
