"""Weeks for time reporting (R-CON-3): Monday to Sunday, ISO weeks, dated in Stockholm.

A week appears in URLs as the date of its Monday, "2026-12-07": the same form as a day's URL and
as `TimeReport.week_start`, so nothing needs converting. Anything else (not a date, not a Monday)
is not a week: `parse` returns None and the view answers 404."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from portal.services.privacy.deadlines import today as stockholm_today

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WEEK = timedelta(days=7)


def monday(day: date) -> date:
    """The Monday of the ISO week that `day` falls in."""
    return day - timedelta(days=day.weekday())


def days_of(week_start: date) -> list[date]:
    """Monday to Sunday of the week starting `week_start`."""
    return [week_start + timedelta(days=i) for i in range(7)]


def this_week() -> date:
    """The Monday of the current week in Stockholm, whatever the server's own time zone."""
    return monday(stockholm_today())


def parse_day(text: str) -> date | None:
    """ "2026-12-09" → that date; anything else → None."""
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse(text: str) -> date | None:
    """A week's Monday from its URL form "YYYY-MM-DD"; None when not a date or not a Monday."""
    day = parse_day(text)
    return day if day is not None and day.weekday() == 0 else None


@dataclass(frozen=True)
class Period:
    """The weeks an engagement's hours may be reported for: from its start to its end."""

    start: date
    end: date

    @property
    def first_week(self) -> date:
        return monday(self.start)

    @property
    def last_week(self) -> date:
        return monday(self.end)

    def holds_day(self, day: date) -> bool:
        return self.start <= day <= self.end

    def holds_week(self, week_start: date) -> bool:
        return week_start.weekday() == 0 and self.first_week <= week_start <= self.last_week

    def previous(self, week_start: date) -> date | None:
        earlier = week_start - WEEK
        return earlier if self.holds_week(earlier) else None

    def next(self, week_start: date) -> date | None:
        later = week_start + WEEK
        return later if self.holds_week(later) else None

    def weeks_until(self, last: date) -> list[date]:
        """Every week's Monday from the first week to the week of `last` (capped at the period's end)."""
        stop = min(monday(last), self.last_week)
        weeks, week = [], self.first_week
        while week <= stop:
            weeks.append(week)
            week += WEEK
        return weeks


def period_of(engagement) -> Period:
    return Period(engagement.start_date, engagement.end_date)


def iso_label(week_start: date) -> tuple[int, int]:
    """(ISO year, ISO week number) of the week, for headings such as "Week 49, 2026"."""
    year, number, _ = week_start.isocalendar()
    return year, number
