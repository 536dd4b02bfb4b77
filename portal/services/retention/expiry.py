"""Kept data expires on schedule (issue 15): what is kept after its purpose for proof, security or the
law is deleted when the schedule's period for it ends (schedule.period_days).

- privacy_request: answered or refused requests (and their messages), the period after closing;
- audit_event: whole audit-chain segments past the period, anchored (audit_segments.py);
- outbox_mail: mails sent, the period after sending (unsent ones wait for the sender);
- security_log: the network addresses in the audit log, the period after recording (the events stay
  until their segment goes; the chain keeps its commitment, audit.redact_addresses_before);
- bookkeeping: shortlist picks, selections and offers of filled assignments, deleted (as the inventory
  says) after the period in whole years from the end of the financial year the assignment ended in
  (the calendar year, as erasure_plan.year_end counts it; Bokföringslagen 7 kap. 2 §); engagements
  and their weeks of hours likewise from the year the engagement ended in (expiry_work);
- application: applications and tender namings, a year after their assignment closed (expiry_work).
Data by or about a person under a legal hold in force (past review too) is kept. Each category's
deletion is one audit event with its count, and goes through storage_hygiene, so the SQLite WAL is
checkpointed and PostgreSQL's tables vacuumed after the commit. A dry run counts and changes nothing; a
second run finds nothing more. The caller commits.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

import sqlalchemy as sa

from portal.extensions import db
from portal.models import (AuditEvent, Assignment, AssignmentState, Offer, OutboxMail, PrivacyMessage,
                           PrivacyRequest, Selection, ShortlistEntry, SupplierConsultant)
from portal.services import audit
from portal.services.actors import Actor
from portal.services.privacy import deadlines, legal_holds, privacy_requests, storage_hygiene
from portal.services.retention import audit_segments, expiry_work, schedule

YEAR = 365


def _cutoff(category: str, now: datetime) -> datetime:
    return now - timedelta(days=schedule.period_days(category))


def _count(query) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def _not_held(column, held: set[int]):
    return sa.or_(column.is_(None), column.not_in(held)) if held else sa.true()


def _done(actor: Actor, category: str, count: int) -> int:
    if count:
        audit.record(actor, "retention.expire", detail={"category": category, "count": count})
    return count


def _privacy_requests(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    ids = list(db.session.scalars(sa.select(PrivacyRequest.id).where(
        PrivacyRequest.state.not_in(privacy_requests.OPEN_STATES), PrivacyRequest.closed_at.is_not(None),
        PrivacyRequest.closed_at <= _cutoff("privacy_request", now), _not_held(PrivacyRequest.user_id, held))))
    if dry_run or not ids:
        return len(ids)
    storage_hygiene.track(request_ids=ids)  # at commit: addresses of a visitor's request events go too
    db.session.execute(sa.delete(PrivacyMessage).where(PrivacyMessage.request_id.in_(ids)))
    db.session.execute(sa.delete(PrivacyRequest).where(PrivacyRequest.id.in_(ids)))
    return _done(actor, "privacy_request", len(ids))


def _outbox(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    where = (OutboxMail.sent_at.is_not(None), OutboxMail.sent_at <= _cutoff("outbox_mail", now),
             _not_held(OutboxMail.user_id, held))
    count = _count(sa.select(OutboxMail.id).where(*where))
    if dry_run or not count:
        return count
    storage_hygiene.track()
    return _done(actor, "outbox_mail", db.session.execute(sa.delete(OutboxMail).where(*where)).rowcount)


def _security_log(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    cutoff = _cutoff("security_log", now)
    count = _count(sa.select(AuditEvent.id).where(
        AuditEvent.at < cutoff, AuditEvent.ip.is_not(None), AuditEvent.ip_digest.is_not(None),
        _not_held(AuditEvent.actor_id, held), _not_held(AuditEvent.subject_id, held)))
    if dry_run or not count:
        return count
    storage_hygiene.track()
    return _done(actor, "security_log", audit.redact_addresses_before(cutoff, held))


def _audit_events(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    count = audit_segments.delete_expired(actor, now, dry_run)  # one event with the count, by itself
    if count and not dry_run:
        storage_hygiene.track()
    return count


def bookkeeping_kept_after(today: date) -> date:
    """Filled assignments that ended before this date are past the bookkeeping period (whole years
    after the end of the financial year they ended in)."""
    years = max(1, round(schedule.period_days("bookkeeping") / YEAR))
    return date(today.year - years, 1, 1)


def _bookkeeping(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    expired = sa.select(Assignment.id).where(
        Assignment.state == AssignmentState.FILLED.value, Assignment.end_date.is_not(None),
        Assignment.end_date < bookkeeping_kept_after(deadlines.stockholm_date(now)))
    held_records = sa.select(SupplierConsultant.id).where(SupplierConsultant.claimed_by_user_id.in_(held or {-1}))
    kinds = ((Selection, (Selection.assignment_id.in_(expired), _not_held(Selection.consultant_id, held))),
             (ShortlistEntry, (ShortlistEntry.assignment_id.in_(expired),
                               _not_held(ShortlistEntry.consultant_id, held))),
             (Offer, (Offer.assignment_id.in_(expired), Offer.supplier_consultant_id.not_in(held_records))))
    count = sum(_count(sa.select(model.id).where(*where)) for model, where in kinds)
    kept_after = bookkeeping_kept_after(deadlines.stockholm_date(now))
    work = expiry_work.engagements(kept_after, held, dry_run=True)
    if dry_run or not (count + work):
        return count + work
    storage_hygiene.track()
    # selections before the picks they name; offers take their answers along (ON DELETE CASCADE)
    removed = sum(db.session.execute(sa.delete(model).where(*where)).rowcount for model, where in kinds)
    removed += expiry_work.engagements(kept_after, held, dry_run=False)
    return _done(actor, "bookkeeping", removed)


def _applications(actor: Actor, now: datetime, held: set[int], dry_run: bool) -> int:
    today = deadlines.stockholm_date(now)
    count = expiry_work.applications(now, today, held, dry_run=True)
    if dry_run or not count:
        return count
    storage_hygiene.track()
    return _done(actor, "application", expiry_work.applications(now, today, held, dry_run=False))


EXPIRERS: dict[str, Callable[[Actor, datetime, set[int], bool], int]] = {
    "privacy_request": _privacy_requests,
    "audit_event": _audit_events,
    "outbox_mail": _outbox,
    "security_log": _security_log,
    "bookkeeping": _bookkeeping,
    "application": _applications,
}


def expire_kept(actor: Actor, now: datetime, dry_run: bool = False) -> dict[str, int]:
    """Delete (or, dry, count) what each kept category holds past its period; category → rows."""
    held = legal_holds.held_user_ids(deadlines.stockholm_date(now))
    counts = {category: expire(actor, now, held, dry_run) for category, expire in EXPIRERS.items()}
    db.session.flush()
    return counts
