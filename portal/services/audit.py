"""The audit trail: append-only, hash-chained, verifiable (R-SEC-2, R-STAFF-1)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlalchemy as sa

from portal.extensions import db
from portal.models import AuditEvent, AuditHead, User, utcnow
from portal.services.actors import Actor

GENESIS = "0" * 64


def _digest(prev_hash: str, seq: int, event: AuditEvent) -> str:
    fields = [
        prev_hash, seq, event.at.isoformat(timespec="microseconds"), event.actor_id, event.action,
        event.subject_id, event.object_type, event.object_id, event.ip, event.detail,
    ]
    return hashlib.sha256(json.dumps(fields, separators=(",", ":")).encode()).hexdigest()


def record(actor: Actor, action: str, *, subject: User | int | None = None, obj=None,
           detail: dict | None = None) -> AuditEvent:
    """Append one event. `detail` must not hold personal data: ids and codes only."""
    subject_id = subject.id if isinstance(subject, User) else subject
    # Updating the head first takes the write lock (SQLite) or the row lock (PostgreSQL).
    updated = db.session.execute(
        sa.update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
    ).rowcount
    if not updated:
        db.session.add(AuditHead(id=1, seq=1, last_hash=GENESIS))
        db.session.flush()
    head = db.session.get(AuditHead, 1, populate_existing=True)
    event = AuditEvent(
        seq=head.seq, at=utcnow(), actor_id=actor.user_id, action=action, subject_id=subject_id,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None else None, ip=actor.ip,
        detail=json.dumps(detail or {}, sort_keys=True, default=str),
    )
    event.prev_hash = head.last_hash
    event.hash = _digest(head.last_hash, head.seq, event)
    head.last_hash = event.hash
    db.session.add(event)
    db.session.flush()
    return event


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit."""
    prev, expected_seq, checked = GENESIS, 1, 0
    for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        if event.seq != expected_seq:
            return ChainReport(checked, event.seq, f"missing event before seq {event.seq}")
        if event.prev_hash != prev or _digest(prev, event.seq, event) != event.hash:
            return ChainReport(checked, event.seq, "hash mismatch")
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.seq != checked or head.last_hash != prev):
        return ChainReport(checked, checked + 1, "events missing at the end of the log")
    return ChainReport(checked, None, None)


def events_about(user_id: int, limit: int = 200) -> list[AuditEvent]:
    """What the log says was done to or by a person, newest first."""
    query = (
        sa.select(AuditEvent)
        .where(sa.or_(AuditEvent.subject_id == user_id, AuditEvent.actor_id == user_id))
        .order_by(AuditEvent.seq.desc()).limit(limit)
    )
    return list(db.session.scalars(query))
