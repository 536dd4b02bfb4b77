"""The week grid as the page shows it (R-CON-3): one row per day, Monday to Sunday, from the stored
report, or from what the consultant sent when a save was refused (so nothing typed is lost)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.models import Engagement, TimeReport
from portal.services import DomainError
from portal.models.engagements import TimeReportState as S
from portal.services.timesheets import reporting, weeks
from portal.services.timesheets.reporting_rules import Cell, field_name, hours_text, minutes_of


@dataclass
class DayRow:
    day: date
    in_period: bool
    hours: str = ""
    not_working: bool = False
    comment: str = ""
    errors: dict[str, str] = field(default_factory=dict)  # "hours" / "not_working" / "comment" → message

    @property
    def key(self) -> str:
        return self.day.isoformat()

    def name(self, kind: str) -> str:
        return field_name(kind, self.day)

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass
class Grid:
    engagement: Engagement
    monday: date
    report: TimeReport | None  # the week's current report (None: nothing saved yet)
    approved: TimeReport | None  # the approved report in force, when a correction is under way
    rows: list[DayRow]
    state: str  # a key of reporting.STATE_LABELS

    @property
    def editable(self) -> bool:
        return self.report is None or self.report.state in reporting.EDITABLE

    @property
    def can_correct(self) -> bool:
        return self.report is not None and self.report.state == S.APPROVED.value

    @property
    def can_submit(self) -> bool:
        return self.editable and self.monday <= weeks.this_week()

    @property
    def previous(self) -> date | None:
        return weeks.period_of(self.engagement).previous(self.monday)

    @property
    def next(self) -> date | None:
        return weeks.period_of(self.engagement).next(self.monday)

    @property
    def year(self) -> int:
        return weeks.iso_label(self.monday)[0]

    @property
    def number(self) -> int:
        return weeks.iso_label(self.monday)[1]

    @property
    def sunday(self) -> date:
        return weeks.days_of(self.monday)[-1]

    @property
    def total_text(self) -> str:
        """The week's hours as shown: from the rows, so a refused save shows what was typed where it can."""
        total = 0
        for row in self.rows:
            try:
                total += minutes_of(row.hours, row.day)
            except DomainError:  # a refused value counts as nothing in the total
                continue
        return hours_text(total)


def _errors_of(day: date, errors: dict[str, str]) -> dict[str, str]:
    return {kind: errors[field_name(kind, day)] for kind in ("hours", "not_working", "comment")
            if field_name(kind, day) in errors}


def grid(engagement: Engagement, monday: date, cells: list[Cell] | None = None,
         errors: dict[str, str] | None = None) -> Grid:
    """The week's grid: the stored days, or the sent `cells` with their `errors` (field → message)."""
    report = reporting.week_for(engagement, monday)
    period = weeks.period_of(engagement)
    sent = {cell.day: cell for cell in cells or []}
    stored = {entry.day: entry for entry in report.entries} if report is not None else {}
    rows = []
    for day in weeks.days_of(monday):
        row = DayRow(day, period.holds_day(day), errors=_errors_of(day, errors or {}))
        if day in sent:
            row.hours, row.not_working, row.comment = sent[day].hours, sent[day].not_working, sent[day].comment
        elif (entry := stored.get(day)) is not None:
            row.hours = hours_text(entry.minutes) if entry.minutes else ""
            row.not_working, row.comment = entry.not_working, entry.comment
        rows.append(row)
    approved = reporting.approved_of(engagement, monday) if report is not None and report.corrects_id else None
    return Grid(engagement, monday, report, approved, rows, reporting.week_state(report))


def cells_from(form, monday: date) -> list[Cell]:
    """The seven days from a posted form (hours-YYYY-MM-DD, not_working-…, comment-…)."""
    return [cell_from(form, day) for day in weeks.days_of(monday)]


def cell_from(form, day: date) -> Cell:
    return Cell(day, form.get(field_name("hours", day), ""), form.get(field_name("not_working", day)) == "y",
                form.get(field_name("comment", day), "")[:1000])
