"""Time reminders (R-CON-3, R-BUY-1, R-SUP-1), sent by `flask time send-reminders` on a schedule.

- not_submitted: a week (Monday–Sunday) inside an engagement's period that is neither submitted nor
  approved by the following Monday 10:00 Stockholm time: the consultant is reminded.
- not_approved: a submitted week not decided within 3 working days of its submission: each person who
  may approve it now (approval.approvers_of) is reminded.

Working days are Monday to Friday minus Swedish public holidays (the `holidays` package) and minus
midsommar-, jul- and nyårsafton, as the privacy deadlines count them (privacy/deadlines.py): one rule
for "working day" in the whole portal. The 3 days run from the moment of submission: submitted on
Thursday at 14:00 before midsummer, the week is due on the next Wednesday at 14:00.

Each reminder goes once: a TimeReminder row per (kind, engagement, week, recipient) is inserted first,
and its mail is queued in the same transaction only when the insert took. A second run finds the row;
a concurrent run's insert meets the unique constraint, inserts nothing and sends nothing. A week rejected and
late again is therefore not reminded twice: the consultant already has the rejection mail.

Only weeks from the last LOOKBACK_WEEKS weeks are looked at, which bounds the work of each run.
Who gets no mail: erased (tombstone) and deactivated accounts. A restriction of processing does not stop
a reminder: it is a message to the person about their own contracted work (or to the approver, who
already holds the week), part of performing the contract, and it discloses nothing new to anyone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.extensions import db
from portal.links import external_url
from portal.models import Engagement, TimeReminder, TimeReport, TimeReportState, User, utcnow
from portal.services import audit, mail
from portal.services.actors import Actor
from portal.services.engagements import approvers
from portal.services.privacy.deadlines import STOCKHOLM, is_working_day
from portal.services.privacy.erasure_log import ERASED_DOMAIN
from portal.services.timesheets import approval
from portal.services.timesheets.weeks import monday

LOOKBACK_WEEKS = 8
DUE_TIME = time(10, 0)  # Monday 10:00 Stockholm, the Monday after the week
APPROVAL_WORKING_DAYS = 3
NOT_SUBMITTED, NOT_APPROVED = "not_submitted", "not_approved"
# A week counts as handed in once it is submitted, approved, or approved and then corrected.
UNIQUE = ["kind", "engagement_id", "week_start", "recipient_id"]  # uq_time_reminders_once
HANDED_IN = (TimeReportState.SUBMITTED.value, TimeReportState.APPROVED.value, TimeReportState.SUPERSEDED.value)


@dataclass
class Outcome:
    sent: dict[str, int] = field(default_factory=lambda: {NOT_SUBMITTED: 0, NOT_APPROVED: 0})


def local(at: datetime) -> datetime:
    """`at` in Stockholm; naive means UTC, as the database stores it."""
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(STOCKHOLM)


def submission_due(week_start: date) -> datetime:
    """When the week must be submitted: the following Monday at 10:00 in Stockholm."""
    return datetime.combine(week_start + timedelta(days=7), DUE_TIME, tzinfo=STOCKHOLM)


def approval_due(submitted_at: datetime) -> datetime:
    """The same time of day on the third working day after the submission day, in Stockholm."""
    submitted = local(submitted_at)
    day, counted = submitted.date(), 0
    while counted < APPROVAL_WORKING_DAYS:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return datetime.combine(day, submitted.time(), tzinfo=STOCKHOLM)


def _reachable(user: User | None) -> bool:
    return user is not None and not user.is_disabled and not user.email.endswith(ERASED_DOMAIN)


def late_weeks(now: datetime) -> list[tuple[Engagement, date]]:
    """(engagement, week) pairs past their submission time, not handed in and not yet reminded."""
    now_local = local(now)
    latest = monday(now_local.date()) - timedelta(days=7)
    if submission_due(latest) > now_local:
        latest -= timedelta(days=7)
    earliest = latest - timedelta(days=7 * (LOOKBACK_WEEKS - 1))
    engagements = list(db.session.scalars(sa.select(Engagement).where(
        Engagement.start_date <= latest + timedelta(days=6), Engagement.end_date >= earliest).order_by(Engagement.id)))
    if not engagements:
        return []
    ids = [e.id for e in engagements]
    handed_in = set(db.session.execute(sa.select(TimeReport.engagement_id, TimeReport.week_start).where(
        TimeReport.engagement_id.in_(ids), TimeReport.state.in_(HANDED_IN), TimeReport.week_start >= earliest)))
    reminded = set(db.session.execute(sa.select(TimeReminder.engagement_id, TimeReminder.week_start).where(
        TimeReminder.kind == NOT_SUBMITTED, TimeReminder.engagement_id.in_(ids), TimeReminder.week_start >= earliest)))
    done, found = handed_in | reminded, []
    for engagement in engagements:
        week = max(earliest, monday(engagement.start_date))
        while week <= min(latest, engagement.end_date):
            if (engagement.id, week) not in done:
                found.append((engagement, week))
            week += timedelta(days=7)
    return found


def waiting_reports(now: datetime) -> list[TimeReport]:
    """Submitted weeks past their approval time (3 working days), from the look-back window."""
    earliest = monday(local(now).date()) - timedelta(days=7 * LOOKBACK_WEEKS)
    reports = db.session.scalars(sa.select(TimeReport).where(
        TimeReport.state == TimeReportState.SUBMITTED.value, TimeReport.submitted_at.is_not(None),
        TimeReport.week_start >= earliest).order_by(TimeReport.submitted_at, TimeReport.id))
    now_local = local(now)
    return [r for r in reports if approval_due(r.submitted_at) <= now_local]


def _once(kind: str, engagement: Engagement, week: date, recipient: User) -> bool:
    """Claim the reminder: True when this run inserted its row, False when it was sent already.

    INSERT … ON CONFLICT DO NOTHING on the unique constraint: a run that loses a race to another one
    waits for it (PostgreSQL) and then inserts nothing. Not a savepoint and IntegrityError: on SQLite
    (pysqlite) a savepoint opened outside a transaction commits at its release, and the row would be
    kept even when the mail after it is rolled back."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    # RETURNING, not rowcount: psycopg reports -1 for a single-row insert through SQLAlchemy.
    inserted = db.session.execute(
        insert(TimeReminder).values(kind=kind, engagement_id=engagement.id, week_start=week,
                                    recipient_id=recipient.id, sent_at=utcnow())
        .on_conflict_do_nothing(index_elements=UNIQUE).returning(TimeReminder.id)).scalar()
    return inserted is not None


def _week_mail(template: str, recipient: User, engagement: Engagement, week: date, link: str, **context) -> None:
    year, number, _ = week.isocalendar()
    mail.queue(recipient, lambda: gettext("Reminder: time report for week %(number)s, %(year)s",
                                          number=number, year=year),
               template, engagement=engagement, week_number=number, week_year=year, link=link, **context)


def remind_not_submitted(actor: Actor, engagement: Engagement, week: date) -> bool:
    consultant = engagement.consultant
    if not _reachable(consultant) or not _once(NOT_SUBMITTED, engagement, week, consultant):
        return False
    _week_mail("time_reminder_not_submitted", consultant, engagement, week,
               external_url("consultant.time_week", engagement_id=engagement.id, week=week.isoformat()))
    audit.record(actor, "time_reminder.not_submitted", subject=consultant.id, obj=engagement,
                 detail={"week": week.isoformat()})
    return True


def remind_not_approved(actor: Actor, report: TimeReport, approver: User) -> bool:
    engagement = report.engagement
    if not _reachable(approver) or not _once(NOT_APPROVED, engagement, report.week_start, approver):
        return False
    portal = approvers.approving_organisation(engagement).kind  # the blueprint of the approving portal
    _week_mail("time_reminder_not_approved", approver, engagement, report.week_start,
               external_url(f"{portal}.time_approval", report_id=report.id),
               submitted_at=report.submitted_at, working_days=APPROVAL_WORKING_DAYS,
               label=approval.consultant_label(engagement))
    audit.record(actor, "time_reminder.not_approved", subject=report.consultant_id, obj=report,
                 detail={"week": report.week_start.isoformat(), "recipient": approver.id})
    return True


def run(actor: Actor, now: datetime, commit: Callable[[], None] | None = None) -> Outcome:
    """Send every reminder that is due at `now`; `commit` (the CLI's) after each, so a crash keeps the sent ones."""
    outcome = Outcome()
    for engagement, week in late_weeks(now):
        if remind_not_submitted(actor, engagement, week):
            outcome.sent[NOT_SUBMITTED] += 1
            if commit:
                commit()
    for report in waiting_reports(now):
        for approver in approval.approvers_of(report.engagement):
            if remind_not_approved(actor, report, approver):
                outcome.sent[NOT_APPROVED] += 1
                if commit:
                    commit()
    return outcome
