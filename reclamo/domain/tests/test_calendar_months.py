"""Periods in months (T-3): the same day number of the later month, or its last day."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from reclamo.domain.calendar import holiday_calendar, months_after, months_later
from reclamo.domain.tests.calendar_helpers import BRATISLAVA, BTS, BUC, BUCHAREST


@pytest.mark.rule("T-3")
def test_t3_november_30_plus_three_months_is_february_28() -> None:
    """T-3: 2026-11-30 + 3 months → 2027-02-28 (February has no 30th)."""
    end = months_after(
        datetime(2026, 11, 30, 12, tzinfo=BTS),
        3,
        time_zone=BRATISLAVA,
        roll_to_working_day=False,
        holidays=None,
    )
    assert end == datetime(2027, 2, 28, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-3", "T-2")
def test_t3_then_t2_february_28_2027_is_a_sunday() -> None:
    """T-3 + T-2 (PC-9): 2027-02-28 is a Sunday, the claim window ends Monday 1 March."""
    end = months_after(
        datetime(2026, 11, 30, 12, tzinfo=BTS),
        3,
        time_zone=BRATISLAVA,
        roll_to_working_day=True,
        holidays=holiday_calendar("SK"),
    )
    assert end == datetime(2027, 3, 1, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-3")
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 11, 30), 3, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 10, 15), 14, date(2027, 12, 15)),
        (date(2026, 12, 31), 0, date(2026, 12, 31)),
    ],
)
def test_t3_same_day_number_or_month_end(start: date, months: int, expected: date) -> None:
    """T-3: same day number of the later month, clipped to its last day."""
    end = months_after(
        datetime.combine(start, time(12), tzinfo=BUC),
        months,
        time_zone=BUCHAREST,
        roll_to_working_day=False,
        holidays=None,
    )
    assert end == datetime.combine(expected, time(23, 59, 59), tzinfo=BUC)


@pytest.mark.rule("T-3")
@pytest.mark.parametrize(
    ("day", "months", "later"),
    [
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # February has no 30th
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # across the year
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
        (date(2026, 1, 31), 24, date(2028, 1, 31)),
    ],
)
def test_t3_months_later_keeps_the_day_number_or_takes_the_last_day(
    day: date, months: int, later: date
) -> None:
    """T-3 on dates (warranty terms, instalments): the day number, else the month's last day."""
    assert months_later(day, months) == later
