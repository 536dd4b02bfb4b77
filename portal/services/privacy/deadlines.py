"""Deadlines for privacy requests, counted as GDPR Art. 12(3) and Regulation 1182/71 count them.

A period in months ends on the same date in the later month, or on that month's last day when the
date does not exist there (1182/71 art. 3(2)(c)). A period ending on a Saturday, Sunday or public
holiday ends on the next working day instead (art. 3(4)).

Our rule for the Swedish "eves": midsommarafton, julafton and nyårsafton are not public holidays
under lag (1989:253) om allmänna helgdagar, but lag (1930:173) om beräkning av lagstadgad tid
treats them like Saturdays and Sundays: a deadline falling on one of them moves to the next
working day. We follow that Swedish rule, so those three eves are non-working days here.

Days are Swedish days: a request that arrives at 00:30 Stockholm time on the 1st was received on the
1st, although it is still the last day of the month in UTC (`stockholm_date`, `today`).
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ONE_MONTH = 1
EXTENDED_MONTHS = 3  # one month plus "two further months" (Art. 12(3))


def stockholm_date(at: datetime | None = None) -> date:
    """The date in Stockholm at the instant `at` (naive means UTC, as the database stores it; default now)."""
    at = at or datetime.now(timezone.utc)
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(STOCKHOLM).date()


def today() -> date:
    """Today in Stockholm, whatever the server's own time zone."""
    return stockholm_date()


def add_months(start: date, months: int) -> date:
    """The same date `months` later, or that month's last day when the date does not exist."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@lru_cache(maxsize=64)
def _swedish_holidays(year: int) -> frozenset[date]:
    # include_sundays=False: the library counts every Sunday as a holiday by default; weekends are
    # handled on their own below, so the set holds only the real public holidays and the eves.
    official = holidays.Sweden(years=year, include_sundays=False)
    days = set(official)
    # Midsommarafton: the Friday between 19 and 25 June (the eve of midsommardagen).
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    days |= {midsummer_eve, date(year, 12, 24), date(year, 12, 31)}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    """Monday to Friday and neither a Swedish public holiday nor midsommar-, jul- or nyårsafton."""
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def months_deadline(received: date, months: int) -> date:
    return next_working_day(add_months(received, months))


def one_month_deadline(received: date) -> date:
    """The answer is due one month after receipt (GDPR Art. 12(3))."""
    return months_deadline(received, ONE_MONTH)


def extended_deadline(received: date) -> date:
    """With the extension by two further months: three months after receipt (Art. 12(3))."""
    return months_deadline(received, EXTENDED_MONTHS)
