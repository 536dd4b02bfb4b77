"""An engagement's period changes only as recorded changes (R-CON-3, R-STAFF-2): an extension or an early
end, each with the old and the new end, who recorded it, when and why. The reason is for staff: it is
checked for special-category data (an early end "because of sick leave" would be health data, R-CON-8).

An engagement has ended once its end date has passed: `phase()` says so from the dates alone, so no page
depends on a job having run; `close_ended()` brings the stored state in line (idempotent, audited)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import format_date, gettext, lazy_gettext as _l

from portal.extensions import db
from portal.models import Engagement, EngagementChange, EngagementState, TimeEntry, TimeReport, TimeReportState
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.engagements.create import LONGEST_YEARS

REASON_LENGTH = 500
# Weeks the consultant has handed in: the period may not be cut shorter than the hours in them.
HANDED_IN = (TimeReportState.SUBMITTED.value, TimeReportState.APPROVED.value)


def phase(engagement: Engagement, today: date | None = None) -> str:
    """"upcoming" before the start, "active" until the end date has passed, then "ended"."""
    today = today or date.today()
    if engagement.end_date < today:
        return "ended"
    return "upcoming" if today < engagement.start_date else "active"


def _reason(reason: str | None) -> str:
    from portal.services.profiles import sensitive_data

    text = (reason or "").strip()
    if not text:
        raise DomainError(_l("Say why the period changes: the reason is kept with the change."), field="reason")
    if len(text) > REASON_LENGTH:
        raise DomainError(gettext("Write the reason in at most %(max)s characters.", max=REASON_LENGTH),
                          field="reason")
    if (finding := sensitive_data.find(text, sensitive_data.vocabulary_now())) is not None:
        raise DomainError(gettext("The reason seems to contain information about %(kind)s. Such information must "
                                  "not be recorded: give the reason without it.", kind=finding.label), field="reason")
    return text


def last_reported_day(engagement: Engagement) -> date | None:
    """The last day with hours in a submitted or approved week of this engagement."""
    return db.session.scalar(
        sa.select(sa.func.max(TimeEntry.day)).join(TimeReport, TimeReport.id == TimeEntry.report_id)
        .where(TimeReport.engagement_id == engagement.id, TimeReport.state.in_(HANDED_IN), TimeEntry.minutes > 0))


def _record(actor: Actor, engagement: Engagement, kind: str, new_end: date, reason: str,
            today: date) -> EngagementChange:
    change = EngagementChange(kind=kind, old_end_date=engagement.end_date, new_end_date=new_end, reason=reason,
                              recorded_by_id=actor.user_id)
    engagement.changes.append(change)
    engagement.end_date = new_end
    engagement.state = (EngagementState.ENDED if new_end < today else EngagementState.ACTIVE).value
    db.session.flush()
    audit.record(actor, f"engagement.{kind}", subject=engagement.consultant_id, obj=engagement,
                 detail={"old_end": change.old_end_date.isoformat(), "new_end": new_end.isoformat(),
                         "change": change.id})
    return change


def extend(actor: Actor, engagement: Engagement, new_end: date | None, reason: str | None,
           today: date | None = None) -> EngagementChange:
    """A later end date; an ended engagement that is extended is active again."""
    today = today or date.today()
    if new_end is None:
        raise DomainError(_l("Enter the new end date."), field="new_end")
    if new_end <= engagement.end_date:
        raise DomainError(gettext("An extension must end after the current end, %(day)s.",
                                  day=format_date(engagement.end_date)), field="new_end")
    if new_end.year > max(today.year, engagement.start_date.year) + LONGEST_YEARS:
        raise DomainError(gettext("An engagement is agreed for at most %(years)s years at a time; extend it later.",
                                  years=LONGEST_YEARS), field="new_end")
    return _record(actor, engagement, "extension", new_end, _reason(reason), today)


def end_early(actor: Actor, engagement: Engagement, new_end: date | None, reason: str | None,
              today: date | None = None) -> EngagementChange:
    """An earlier end date: not before the start, and not before a day with hours already handed in."""
    today = today or date.today()
    if new_end is None:
        raise DomainError(_l("Enter the new end date."), field="new_end")
    if new_end >= engagement.end_date:
        raise DomainError(gettext("An early end must be before the current end, %(day)s.",
                                  day=format_date(engagement.end_date)), field="new_end")
    if new_end < engagement.start_date:
        raise DomainError(gettext("The engagement cannot end before it starts on %(day)s.",
                                  day=format_date(engagement.start_date)), field="new_end")
    reported = last_reported_day(engagement)
    if reported is not None and new_end < reported:
        raise DomainError(gettext("Hours are handed in up to %(day)s: the engagement cannot end before that day.",
                                  day=format_date(reported)), field="new_end")
    return _record(actor, engagement, "early_end", new_end, _reason(reason), today)


def close_ended(actor: Actor, today: date | None = None) -> int:
    """Mark engagements whose end date has passed as ended; returns how many changed (0 on a second run)."""
    today = today or date.today()
    due = db.session.scalars(sa.select(Engagement).where(
        Engagement.state == EngagementState.ACTIVE.value, Engagement.end_date < today).order_by(Engagement.id)).all()
    for engagement in due:
        engagement.state = EngagementState.ENDED.value
    db.session.flush()
    audit.record_many(actor, "engagement.ended", [
        (engagement.consultant_id, engagement, {"end": engagement.end_date.isoformat()}) for engagement in due])
    return len(due)
