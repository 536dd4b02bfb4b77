"""The consultant's side of time reporting (R-CON-3): draft, save, submit and correct a week.

One TimeReport per engagement and week, created lazily by the first save (a GET never writes).
States: DRAFT and REJECTED are editable; SUBMITTED waits for the approver and cannot change (our
choice: the consultant cannot take it back, the approver rejects it with a comment instead, so the
approver never decides on hours that change under them); APPROVED and SUPERSEDED never change. An
approved week is changed only by `correct`: a new DRAFT linked by `corrects_id`, holding a copy of the
entries, submitted and approved again (approval marks the old one SUPERSEDED).

Services flush and audit, views commit: one audit event per save request, never per field."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _, lazy_gettext as _l

from portal.extensions import db
from portal.models import Engagement, TimeEntry, TimeReport, User, utcnow
from portal.models.engagements import TimeReportState as S
from portal.services import DomainError, audit
from portal.services.actors import Actor
from portal.services.timesheets import weeks
from portal.services.timesheets.reporting_rules import (
    Cell, DayValue, check_cell, check_cells, check_comment, hours_text,
)

EDITABLE = (S.DRAFT.value, S.REJECTED.value)
STATE_LABELS = {
    "not_started": _l("Not started"), S.DRAFT.value: _l("Draft"),
    S.SUBMITTED.value: _l("Submitted, waiting for approval"),
    S.APPROVED.value: _l("Approved"), S.REJECTED.value: _l("Rejected: change and submit again"),
    S.SUPERSEDED.value: _l("Replaced by a correction"), "corrected": _l("Approved after a correction"),
}


def engagement_of(user: User, engagement_id: int) -> Engagement | None:
    """The consultant's own engagement, or None (someone else's, or no such id)."""
    return db.session.scalar(sa.select(Engagement).where(Engagement.id == engagement_id,
                                                         Engagement.consultant_id == user.id))


def week_for(engagement: Engagement, monday: date) -> TimeReport | None:
    """The week's current report (a correction in progress rather than the approved week it corrects),
    or None before the first save. Reads only."""
    return db.session.scalar(
        sa.select(TimeReport).where(TimeReport.engagement_id == engagement.id, TimeReport.week_start == monday,
                                    TimeReport.state != S.SUPERSEDED.value)
        .order_by(TimeReport.id.desc()).limit(1))


def approved_of(engagement: Engagement, monday: date) -> TimeReport | None:
    """The week's approved report, if any (a correction in progress leaves it in force)."""
    return db.session.scalar(
        sa.select(TimeReport).where(TimeReport.engagement_id == engagement.id, TimeReport.week_start == monday,
                                    TimeReport.state == S.APPROVED.value).order_by(TimeReport.id.desc()).limit(1))


def _refuse_unless_editable(report: TimeReport) -> None:
    if report.state == S.SUBMITTED.value:
        raise DomainError(_("This week has been submitted and waits for approval, so it cannot be changed. If it is "
                            "wrong, ask the approver to reject it; you can then change it."))
    if report.state == S.APPROVED.value:
        raise DomainError(_("This week is approved and cannot be changed. Use “Correct this week” to report "
                            "a correction."))
    if report.state not in EDITABLE:
        raise DomainError(_("This report has been replaced by an approved correction and cannot be changed."))


def _own(actor: Actor, engagement: Engagement) -> None:
    if actor.user_id is None or actor.user_id != engagement.consultant_id:
        raise DomainError(_("Only the consultant on the assignment reports its time."))


def _lock(engagement: Engagement) -> None:
    """Saves of one engagement one at a time: an htmx cell save and the week's form can cross, and each must
    read what the other wrote (one draft per week, one entry per day). A no-op update takes the write lock
    (SQLite) or the row lock (PostgreSQL) until the view commits, as audit.record does with its head."""
    db.session.execute(sa.update(Engagement).where(Engagement.id == engagement.id)
                       .values(state=Engagement.state).execution_options(synchronize_session=False))


def _editable_week(actor: Actor, engagement: Engagement, monday: date) -> tuple[TimeReport, bool]:
    """The week's report to write to, created as a draft when the week has none yet: (report, created)."""
    _own(actor, engagement)
    _lock(engagement)
    if not weeks.period_of(engagement).holds_week(monday):
        raise DomainError(_("This week is outside the assignment's period."))
    report = week_for(engagement, monday)
    if report is not None:
        _refuse_unless_editable(report)
        return report, False
    report = TimeReport(engagement_id=engagement.id, consultant_id=engagement.consultant_id, week_start=monday,
                        state=S.DRAFT.value)
    db.session.add(report)
    db.session.flush()
    return report, True


def _write(report: TimeReport, values: list[DayValue]) -> int:
    """Store the days (an empty day removes its entry); how many days changed."""
    existing = {entry.day: entry for entry in report.entries}
    changed = 0
    for value in values:
        entry = existing.get(value.day)
        if value.is_empty:
            if entry is not None:
                report.entries.remove(entry)
                changed += 1
            continue
        if entry is None:
            entry = TimeEntry(day=value.day)
            report.entries.append(entry)
        elif (entry.minutes, entry.not_working, entry.comment) == (value.minutes, value.not_working, value.comment):
            continue
        entry.minutes, entry.not_working, entry.comment = value.minutes, value.not_working, value.comment
        changed += 1
    report.updated_at = utcnow()
    db.session.flush()
    return changed


def _target(actor: Actor, report_or_engagement: TimeReport | Engagement, day: date) -> tuple[TimeReport, bool]:
    if isinstance(report_or_engagement, TimeReport):
        report = report_or_engagement
        _own(actor, report.engagement)
        _lock(report.engagement)
        db.session.refresh(report)
        _refuse_unless_editable(report)
        if weeks.monday(day) != report.week_start:
            raise DomainError(_("This day is not in the report's week."))
        return report, False
    return _editable_week(actor, report_or_engagement, weeks.monday(day))


def save_day(actor: Actor, report_or_engagement: TimeReport | Engagement, day: date, hours: str,
             not_working: bool = False, comment: str = "") -> TimeReport:
    """Save one day (the htmx cell). A refusal is a DomainError on the day's field; nothing is written."""
    engagement = (report_or_engagement.engagement if isinstance(report_or_engagement, TimeReport)
                  else report_or_engagement)
    _own(actor, engagement)
    value = check_cell(weeks.period_of(engagement), Cell(day, hours, not_working, comment))
    check_comment(value)
    report, created = _target(actor, report_or_engagement, day)
    changed = _write(report, [value])
    audit.record(actor, "time_report.save", subject=report.consultant_id, obj=report,
                 detail={"week": report.week_start.isoformat(), "days": changed, "created": created})
    return report


def save_week(actor: Actor, engagement: Engagement, monday: date, cells: list[Cell]) -> TimeReport:
    """Save the whole week's grid, all or nothing: CellErrors lists every refused day."""
    _own(actor, engagement)
    period = weeks.period_of(engagement)
    inside = [cell for cell in cells if period.holds_day(cell.day) or cell.hours.strip() or cell.not_working
              or cell.comment.strip()]  # the grid's days outside the period are disabled; typed-in ones are refused
    if any(weeks.monday(cell.day) != monday for cell in inside):
        raise DomainError(_("A day is not in this week."))
    values = check_cells(period, inside)
    report, created = _editable_week(actor, engagement, monday)
    changed = _write(report, values)
    audit.record(actor, "time_report.save", subject=report.consultant_id, obj=report,
                 detail={"week": monday.isoformat(), "days": changed, "created": created})
    return report


def submit(actor: Actor, report: TimeReport) -> TimeReport:
    """Send the week to the approver. Refused when not editable, or when nothing is reported."""
    _own(actor, report.engagement)
    _lock(report.engagement)
    db.session.refresh(report)
    _refuse_unless_editable(report)
    if report.week_start > weeks.this_week():
        raise DomainError(_("This week has not started yet, so it cannot be submitted."))
    if not report.entries:
        raise DomainError(_("Nothing to submit: report your hours, or mark the days you did not work."))
    previous = report.state
    report.state, report.submitted_at = S.SUBMITTED.value, utcnow()
    db.session.flush()
    audit.record(actor, "time_report.submit", subject=report.consultant_id, obj=report,
                 detail={"week": report.week_start.isoformat(), "from": previous, "minutes": total_minutes(report)})
    return report


def correct(actor: Actor, approved_report: TimeReport) -> TimeReport:
    """A new DRAFT that corrects an approved week, with a copy of its entries; the approved one is untouched."""
    _own(actor, approved_report.engagement)
    _lock(approved_report.engagement)
    db.session.refresh(approved_report)
    if approved_report.state != S.APPROVED.value:
        raise DomainError(_("Only an approved week can be corrected."))
    current = week_for(approved_report.engagement, approved_report.week_start)
    if current is not None and current.id != approved_report.id:
        raise DomainError(_("A correction of this week is already under way: change that one."))
    correction = TimeReport(engagement_id=approved_report.engagement_id, consultant_id=approved_report.consultant_id,
                            week_start=approved_report.week_start, state=S.DRAFT.value, corrects_id=approved_report.id)
    correction.entries = [TimeEntry(day=e.day, minutes=e.minutes, not_working=e.not_working, comment=e.comment)
                          for e in approved_report.entries]
    db.session.add(correction)
    db.session.flush()
    audit.record(actor, "time_report.correct", subject=correction.consultant_id, obj=correction,
                 detail={"week": correction.week_start.isoformat(), "corrects": approved_report.id})
    return correction


def total_minutes(report: TimeReport | None) -> int:
    return sum(entry.minutes for entry in report.entries) if report is not None else 0


@dataclass(frozen=True)
class WeekRow:
    """One week of an engagement as its list shows it."""

    week_start: date
    state: str  # a key of STATE_LABELS
    minutes: int
    is_correction: bool
    rejection_comment: str | None

    @property
    def week_end(self) -> date:
        return weeks.days_of(self.week_start)[-1]

    @property
    def year(self) -> int:
        return weeks.iso_label(self.week_start)[0]

    @property
    def number(self) -> int:
        return weeks.iso_label(self.week_start)[1]

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)


def week_state(report: TimeReport | None) -> str:
    if report is None:
        return "not_started"
    if report.state == S.APPROVED.value and report.corrects_id is not None:
        return "corrected"
    return report.state


def week_rows(engagement: Engagement) -> list[WeekRow]:
    """The engagement's weeks from its start to this week (or its end), newest first, with their states."""
    reports = db.session.scalars(
        sa.select(TimeReport).where(TimeReport.engagement_id == engagement.id,
                                    TimeReport.state != S.SUPERSEDED.value).order_by(TimeReport.id)).all()
    current = {report.week_start: report for report in reports}  # the later (a correction) wins
    minutes = dict(db.session.execute(
        sa.select(TimeEntry.report_id, sa.func.sum(TimeEntry.minutes))
        .where(TimeEntry.report_id.in_([r.id for r in current.values()])).group_by(TimeEntry.report_id)).all())
    rows = []
    for monday in reversed(weeks.period_of(engagement).weeks_until(weeks.this_week())):
        report = current.get(monday)
        rows.append(WeekRow(
            monday, week_state(report), int(minutes.get(report.id, 0) or 0) if report else 0,
            bool(report and report.corrects_id),
            report.decision_comment if report is not None and report.state == S.REJECTED.value else None))
    return rows
