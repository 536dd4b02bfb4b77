"""Erasure that reaches storage (R-RIGHTS-4, issue 14 finding 1): no copy of an erased person is left
in the security log's addresses, in the SQLite write-ahead log or free pages, or in PostgreSQL's dead
row versions.

A service that erases (erasure.execute, the visitor erasure, retention) calls `track(...)` once; the
rest happens when the view or the command commits, so every way in is covered by the one call:
- before the commit, the addresses (IP) of the person's security-log events are removed
  (`audit.redact_addresses`: the chain keeps a commitment, and a marker event lists what was removed);
- after the commit, the account or address goes to the erasure log (erasure_log.py), then
  `after_erasure(tables)`: on SQLite `PRAGMA wal_checkpoint(TRUNCATE)` copies the write-ahead log into
  the database and empties it (with `secure_delete=ON` from portal/database.py the deleted rows are
  already zeroed there); on PostgreSQL the tables the erasure touched, and those its ON DELETE rules
  reach, are vacuumed (`VACUUM`, outside a transaction): their dead row versions are pruned from the
  pages and the indexes and the space is free for reuse (only `VACUUM FULL` rewrites the files).
A rollback forgets the mark. ERASURE_STORAGE_HYGIENE = False switches the after-commit part off (only
the tests that show what it prevents do that)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.models import Base
from portal.services.privacy import erasure_log

KEY = "storage_hygiene"


def track(*, user_id: int | None = None, request_ids: list[int] | None = None, address: str | None = None) -> None:
    """Mark the session: an erasure (of account `user_id`, or of a visitor's `address` and `request_ids`;
    a retention deletion gives only `request_ids`) is under way. Accounts and addresses go to the erasure log."""
    mark = db.session.info.setdefault(KEY, {"users": set(), "requests": set(), "addresses": set(), "tables": set()})
    if user_id is not None:
        mark["users"].add(user_id)
    if address:
        mark["addresses"].add(address)
    mark["requests"].update(request_ids or ())


def _on_execute(state) -> None:
    mark = state.session.info.get(KEY)
    if mark is not None and (state.is_update or state.is_delete):
        table = getattr(state.statement, "table", None)
        if table is not None:
            mark["tables"].add(table.name)


def _on_flush(session: Session, _context) -> None:
    mark = session.info.get(KEY)
    if mark is not None:
        mark["tables"].update(sa.inspect(obj).mapper.local_table.name for obj in [*session.deleted, *session.dirty])


def _before_commit(session: Session) -> None:
    mark = session.info.get(KEY)
    if mark is not None and (mark["users"] or mark["requests"]):
        from portal.services import audit

        if audit.redact_addresses(user_ids=mark["users"], request_ids=mark["requests"]):
            mark["tables"].add("audit_events")


def _after_commit(session: Session) -> None:
    mark = session.info.pop(KEY, None)
    if mark is None:
        return
    erasure_log.append(user_ids=mark["users"], addresses=mark["addresses"])
    if current_app.config.get("ERASURE_STORAGE_HYGIENE", True):
        after_erasure(mark["tables"])


def _forget(session: Session, *_args) -> None:
    session.info.pop(KEY, None)


def with_cascades(tables: set[str]) -> set[str]:
    """`tables` and every table whose rows the database deletes or changes with theirs (ON DELETE)."""
    found = set(tables)
    while True:
        more = {t.name for t in Base.metadata.sorted_tables if t.name not in found and any(
            fk.ondelete and fk.column.table.name in found for fk in t.foreign_keys)}
        if not more:
            return found
        found |= more


def after_erasure(tables: set[str]) -> list:
    """The storage step after an erasure or retention deletion is committed; returns what the database
    answered (SQLite: [busy, log frames, checkpointed frames]; PostgreSQL: the tables vacuumed)."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            result = list(conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one())
        if result[0]:  # a reader held the log to the end of the busy timeout; the next erasure empties it
            current_app.logger.warning("storage_hygiene.checkpoint_busy")
        return result
    names = sorted(with_cascades(tables) & set(Base.metadata.tables))
    if names and engine.dialect.name == "postgresql":
        quote = engine.dialect.identifier_preparer.quote
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(quote(name) for name in names))
    return names


def register() -> None:
    """Listen on every session (once per process)."""
    for name, listener in (("do_orm_execute", _on_execute), ("after_flush", _on_flush),
                           ("before_commit", _before_commit), ("after_commit", _after_commit),
                           ("after_rollback", _forget)):
        if not sa.event.contains(Session, name, listener):
            sa.event.listen(Session, name, listener)
