"""Deadlines as GDPR Art. 12(3) and Regulation 1182/71 count them, on the Swedish calendar."""
from datetime import date

import pytest

from portal.services.privacy.deadlines import extended_deadline, is_working_day, one_month_deadline


@pytest.mark.parametrize("received, due", [
    (date(2025, 1, 31), date(2025, 2, 28)),   # 31 Jan → the last day of February (a Friday)
    (date(2024, 1, 31), date(2024, 2, 29)),   # leap year: 29 Feb, a Thursday
    (date(2025, 3, 31), date(2025, 4, 30)),   # 31 Mar → 30 Apr
    (date(2026, 1, 30), date(2026, 3, 2)),    # 28 Feb 2026 is a Saturday → Monday 2 March
    (date(2025, 6, 15), date(2025, 7, 15)),   # an ordinary Tuesday stays
    (date(2026, 11, 30), date(2026, 12, 30)),  # into the year's end
    (date(2026, 12, 1), date(2027, 1, 4)),    # New Year's Day (Fri), weekend → Monday 4 January
    (date(2025, 12, 1), date(2026, 1, 2)),    # nyårsafton (Wed), New Year's Day → Friday 2 January
    (date(2026, 11, 24), date(2026, 12, 28)),  # julafton, juldagen, annandag jul, Sunday → 28 Dec
    (date(2026, 3, 3), date(2026, 4, 7)),     # Good Friday, Easter weekend, Easter Monday → Tuesday
    (date(2024, 2, 29), date(2024, 4, 2)),    # leap day → 29 Mar 2024 was Good Friday → 2 April
    (date(2026, 5, 19), date(2026, 6, 22)),   # midsommarafton (Fri 19 June) and midsommardagen → Monday
    (date(2025, 5, 20), date(2025, 6, 23)),   # midsommarafton 2025 (Fri 20 June) → Monday
    (date(2025, 5, 6), date(2025, 6, 9)),     # National Day (Fri 6 June) → Monday; Whit Monday is no holiday
    (date(2026, 4, 14), date(2026, 5, 15)),   # Ascension Day (Thu 14 May) → Friday 15 May
])
def test_one_month_deadline(received, due):
    assert one_month_deadline(received) == due


@pytest.mark.parametrize("received, due", [
    (date(2025, 11, 30), date(2026, 3, 2)),   # three months → 28 Feb 2026 (Saturday) → Monday
    (date(2024, 1, 31), date(2024, 4, 30)),   # 31 Jan → 30 April
    (date(2023, 11, 30), date(2024, 2, 29)),  # into a leap February
    (date(2026, 3, 31), date(2026, 6, 30)),
    (date(2026, 9, 24), date(2026, 12, 28)),  # lands on julafton → after Christmas
    (date(2025, 10, 31), date(2026, 2, 2)),   # 31 Oct + 3 months = 31 Jan 2026, a Saturday → Monday
])
def test_extended_deadline_is_three_months_from_receipt(received, due):
    assert extended_deadline(received) == due


def test_the_holiday_library_counts_sundays_but_we_count_each_day_once():
    assert not is_working_day(date(2026, 6, 21))  # a Sunday
    assert not is_working_day(date(2026, 6, 20))  # midsommardagen, a Saturday
    assert is_working_day(date(2026, 6, 22))


@pytest.mark.parametrize("eve", [date(2026, 6, 19), date(2026, 12, 24), date(2026, 12, 31), date(2027, 6, 25)])
def test_the_swedish_eves_are_not_working_days(eve):
    """Our documented rule (lag 1930:173): midsommar-, jul- and nyårsafton count like a Saturday."""
    assert not is_working_day(eve)


def test_ordinary_weekdays_around_the_holidays_are_working_days():
    assert is_working_day(date(2026, 12, 23)) and is_working_day(date(2026, 4, 2))
    assert is_working_day(date(2026, 4, 30))  # Valborgsmässoafton is a working day
