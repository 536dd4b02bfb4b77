"""Weeks for time reporting (R-CON-3): Monday-start ISO weeks, their URL form, the period's weeks."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from portal.services.timesheets import weeks
from portal.services.privacy.deadlines import stockholm_date


def test_monday_of_any_day_is_the_iso_week_start():
    assert weeks.monday(date(2026, 12, 13)) == date(2026, 12, 7)  # a Sunday belongs to the week before
    assert weeks.monday(date(2026, 12, 7)) == date(2026, 12, 7)
    assert weeks.monday(date(2027, 1, 1)) == date(2026, 12, 28)  # across the new year
    assert weeks.iso_label(date(2026, 12, 28)) == (2026, 53)


def test_days_of_a_week_run_monday_to_sunday():
    days = weeks.days_of(date(2026, 12, 7))
    assert [d.weekday() for d in days] == list(range(7)) and days[-1] == date(2026, 12, 13)


@pytest.mark.parametrize("text", ["2026-12-08", "2026-W50", "x", "", "2026-02-30", "2026-12-7", " 2026-12-07",
                                  "2026-12-07\x00", "20261207", "9999-99-99", "2026-12-07/"])
def test_parse_refuses_anything_but_a_monday_date(text):
    """R-CON-3: a week in a URL is its Monday as YYYY-MM-DD; anything else is no week (404)."""
    assert weeks.parse(text) is None


def test_parse_accepts_a_monday():
    assert weeks.parse("2026-12-07") == date(2026, 12, 7)
    assert weeks.parse_day("2026-12-09") == date(2026, 12, 9)
    assert weeks.parse_day("2026-13-01") is None


def test_period_weeks_previous_and_next_stay_inside():
    period = weeks.Period(date(2026, 12, 2), date(2026, 12, 22))  # Wednesday to a Tuesday
    assert period.first_week == date(2026, 11, 30) and period.last_week == date(2026, 12, 21)
    assert period.holds_week(date(2026, 11, 30)) and not period.holds_week(date(2026, 11, 23))
    assert not period.holds_week(date(2026, 12, 1))  # not a Monday
    assert period.previous(date(2026, 11, 30)) is None and period.next(date(2026, 12, 21)) is None
    assert period.next(date(2026, 11, 30)) == date(2026, 12, 7)
    assert not period.holds_day(date(2026, 12, 1)) and period.holds_day(date(2026, 12, 2))
    assert period.weeks_until(date(2026, 12, 10)) == [date(2026, 11, 30), date(2026, 12, 7)]
    assert period.weeks_until(date(2027, 6, 1))[-1] == date(2026, 12, 21)
    assert period.weeks_until(date(2026, 11, 1)) == []


def test_this_week_is_counted_in_stockholm():
    """Sunday 23:30 UTC is already Monday in Stockholm: the new week has begun there."""
    assert stockholm_date(datetime(2026, 12, 6, 23, 30)) == date(2026, 12, 7)
    assert weeks.monday(stockholm_date(datetime(2026, 12, 6, 23, 30))) == date(2026, 12, 7)
    assert weeks.this_week().weekday() == 0
