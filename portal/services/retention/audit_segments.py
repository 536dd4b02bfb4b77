"""Audit chain segments (issue 15, R-SEC-2): the chain cut into Stockholm calendar months so that the
log's two years can be enforced without breaking it.

A segment is closed once its month is over (`close_finished`, run by `flask audit anchor` after the
chain verifies): its first and last sequence numbers and times and its closing hash (the last event's)
go into audit_segments and, in the same anchor run, into the anchor file outside the database. Once a
whole segment is past the audit period, counted from its last event, and its closing hash is anchored,
retention deletes its events (`delete_expired`); the row stays with `deleted_at`, and the next event's
prev_hash still equals the anchored closing hash, so the remaining chain verifies and a cut anywhere
else does not. A segment with an event by or about a person under a legal hold is kept whole.
Events stay at most one month past the period: the price of deleting only whole, anchored segments.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.models import AuditEvent, AuditSegment
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.privacy import deadlines
from portal.services.retention import schedule

CATEGORY = "audit_event"


def period() -> timedelta:
    return timedelta(days=schedule.period_days(CATEGORY))


def next_month_start(at: datetime) -> datetime:
    """The start of the Stockholm month after the one `at` (naive UTC) falls in, as naive UTC."""
    local = at.replace(tzinfo=timezone.utc).astimezone(deadlines.STOCKHOLM)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    start = datetime(year, month, 1, tzinfo=deadlines.STOCKHOLM)
    return start.astimezone(timezone.utc).replace(tzinfo=None)


def listing() -> list[AuditSegment]:
    return list(db.session.scalars(sa.select(AuditSegment).order_by(AuditSegment.number)))


def close_finished(now: datetime) -> list[AuditSegment]:
    """Close a segment for every finished month after the last closed one; returns the new ones.
    Deterministic: closing again after a rollback gives the same segments."""
    last = db.session.scalar(sa.select(AuditSegment).order_by(AuditSegment.number.desc()).limit(1))
    number, start = (last.number, last.last_seq + 1) if last else (0, 1)
    closed = []
    while True:
        first_at = db.session.scalar(sa.select(AuditEvent.at).where(AuditEvent.seq >= start)
                                     .order_by(AuditEvent.seq).limit(1))
        if first_at is None or next_month_start(first_at) > now:
            break
        boundary = next_month_start(first_at)
        last_seq = db.session.scalar(sa.select(sa.func.max(AuditEvent.seq))
                                     .where(AuditEvent.seq >= start, AuditEvent.at < boundary))
        span = (AuditEvent.seq >= start, AuditEvent.seq <= last_seq)
        low, high = db.session.execute(sa.select(sa.func.min(AuditEvent.at), sa.func.max(AuditEvent.at))
                                       .where(*span)).one()
        closing = db.session.scalar(sa.select(AuditEvent.hash).where(AuditEvent.seq == last_seq))
        number += 1
        segment = AuditSegment(number=number, first_seq=start, last_seq=last_seq, first_at=low, last_at=high,
                               closing_hash=closing, closed_at=now)
        db.session.add(segment)
        closed.append(segment)
        start = last_seq + 1
    db.session.flush()
    return closed


def unanchored() -> list[AuditSegment]:
    return list(db.session.scalars(sa.select(AuditSegment).where(AuditSegment.anchored_at.is_(None))
                                   .order_by(AuditSegment.number)))


def as_anchor(segment: AuditSegment) -> dict:
    """What the anchor file records of a segment (audit_anchors compares the table with it)."""
    return {"number": segment.number, "first_seq": segment.first_seq, "last_seq": segment.last_seq,
            "first_at": segment.first_at.isoformat(timespec="microseconds"),
            "last_at": segment.last_at.isoformat(timespec="microseconds"), "hash": segment.closing_hash}


class SegmentNotExpired(DomainError):
    """A segment may be deleted only whole, anchored, past the period and without held events."""


def _why_not(segment: AuditSegment, now: datetime, held: set[int]) -> object | None:
    if segment.deleted_at is not None:
        return _l("This segment is already deleted.")
    if segment.anchored_at is None:
        return _l("This segment's closing hash is not anchored yet; run `flask audit anchor` first.")
    if segment.last_at > now - period():
        return _l("Not all of this segment has expired yet.")
    if held and db.session.scalar(sa.select(AuditEvent.id).where(
            AuditEvent.seq.between(segment.first_seq, segment.last_seq),
            sa.or_(AuditEvent.actor_id.in_(held), AuditEvent.subject_id.in_(held))).limit(1)):
        return _l("A legal hold keeps this segment.")
    boundary = db.session.scalar(sa.select(AuditEvent.hash).where(AuditEvent.seq == segment.last_seq))
    if boundary != segment.closing_hash:  # the cut would not be where the anchor says: leave it to verify
        return _l("The segment's last event does not match its closing hash; run `flask audit verify`.")
    return None


def _held(now: datetime) -> set[int]:
    from portal.services.privacy import legal_holds

    return legal_holds.held_user_ids(deadlines.stockholm_date(now))


def _remove(segment: AuditSegment, now: datetime) -> int:
    removed = db.session.execute(sa.delete(AuditEvent).where(
        AuditEvent.seq.between(segment.first_seq, segment.last_seq))).rowcount
    segment.deleted_at = now
    return removed


def delete(actor: Actor, segment: AuditSegment, now: datetime) -> int:
    """Delete one segment's events; refused (SegmentNotExpired) unless it may go. Returns how many."""
    reason = _why_not(segment, now, _held(now))
    if reason is not None:
        raise SegmentNotExpired(reason)
    removed = _remove(segment, now)
    db.session.flush()
    audit.record(actor, "retention.expire", detail={"category": CATEGORY, "count": removed,
                                                      "segments": [segment.number]})
    return removed


def delete_expired(actor: Actor, now: datetime, dry_run: bool = False) -> int:
    """Delete every segment that may go (oldest first); returns the events deleted, or that would be."""
    held = _held(now)
    candidates = db.session.scalars(sa.select(AuditSegment).where(
        AuditSegment.deleted_at.is_(None), AuditSegment.anchored_at.is_not(None),
        AuditSegment.last_at <= now - period()).order_by(AuditSegment.number))
    removed, numbers = 0, []
    for segment in list(candidates):
        reason = _why_not(segment, now, held)
        if reason is not None:
            current_app.logger.info("audit_segments.kept segment=%s", segment.number)
            continue
        if dry_run:
            removed += db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
                AuditEvent.seq.between(segment.first_seq, segment.last_seq))) or 0
        else:
            removed += _remove(segment, now)
        numbers.append(segment.number)
    if numbers and not dry_run:
        db.session.flush()
        audit.record(actor, "retention.expire", detail={"category": CATEGORY, "count": removed, "segments": numbers})
    return removed
