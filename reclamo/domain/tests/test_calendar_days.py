"""Periods in days (T-1, T-2): ending 23:59:59 local, rolled past weekends and each
country's holidays; the holiday calendars themselves."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from reclamo.domain.calendar import (
    HolidayCalendar,
    WorkingSchedule,
    days_after,
    first_of_next_month,
    holiday_calendar,
)
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.calendar_helpers import BRATISLAVA, BTS, BUC, BUCHAREST


@pytest.mark.rule("T-1")
def test_t1_thirty_days_end_at_23_59_59_local() -> None:
    """T-1: received 2026-11-20 → a 30-day period ends 2026-12-20 23:59:59 local."""
    end = days_after(
        datetime(2026, 11, 20, 15, 0, tzinfo=BTS),
        30,
        time_zone=BRATISLAVA,
        roll_to_working_day=False,
        holidays=None,
    )
    assert end == datetime(2026, 12, 20, 23, 59, 59, tzinfo=BTS)
    assert end.tzinfo is BTS


@pytest.mark.rule("T-1", "T-2")
def test_t1_t2_thirty_days_ending_on_sunday_roll_to_monday() -> None:
    """T-1 + T-2: 2026-12-20 is a Sunday, so the period ends Monday 2026-12-21."""
    end = days_after(
        datetime(2026, 11, 20, 15, 0, tzinfo=BTS),
        30,
        time_zone=BRATISLAVA,
        roll_to_working_day=True,
        holidays=holiday_calendar("SK"),
    )
    assert date(2026, 12, 20).weekday() == 6
    assert end == datetime(2026, 12, 21, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-1")
def test_t1_counts_from_the_local_date_not_the_utc_date() -> None:
    """T-1, T-6: 2026-11-20 23:30 UTC is already 21 November in Bratislava."""
    late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    early = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    kwargs: dict[str, Any] = {
        "time_zone": BRATISLAVA,
        "roll_to_working_day": False,
        "holidays": None,
    }
    assert days_after(late, 30, **kwargs) == datetime(2026, 12, 21, 23, 59, 59, tzinfo=BTS)
    assert days_after(early, 30, **kwargs) == datetime(2026, 12, 20, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-1")
def test_t1_zero_days_end_the_same_day() -> None:
    end = days_after(
        datetime(2026, 11, 20, 8, tzinfo=BUC),
        0,
        time_zone=BUCHAREST,
        roll_to_working_day=False,
        holidays=None,
    )
    assert end == datetime(2026, 11, 20, 23, 59, 59, tzinfo=BUC)


@pytest.mark.rule("T-2")
def test_t2_sk_christmas_rolls_past_24_25_26_december() -> None:
    """T-2 (SK): a period landing on 24 Dec 2026 rolls past 24–26 Dec (holidays) and Sun 27."""
    sk = holiday_calendar("SK")
    for day in (24, 25, 26):
        assert sk.is_holiday(date(2026, 12, day))
    end = days_after(
        datetime(2026, 11, 24, 10, tzinfo=BTS),
        30,
        time_zone=BRATISLAVA,
        roll_to_working_day=True,
        holidays=sk,
    )
    assert end == datetime(2026, 12, 28, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-2")
def test_t2_ro_christmas_eve_is_a_working_day_but_christmas_rolls() -> None:
    """T-2 (RO): 24 Dec is not a RO public holiday; 25 and 26 Dec are."""
    ro = holiday_calendar("RO")
    assert not ro.is_holiday(date(2026, 12, 24))
    assert ro.is_holiday(date(2026, 12, 25))
    assert ro.is_holiday(date(2026, 12, 26))
    on_eve = days_after(
        datetime(2026, 11, 24, 10, tzinfo=BUC),
        30,
        time_zone=BUCHAREST,
        roll_to_working_day=True,
        holidays=ro,
    )
    assert on_eve == datetime(2026, 12, 24, 23, 59, 59, tzinfo=BUC)
    on_christmas = days_after(
        datetime(2026, 11, 25, 10, tzinfo=BUC),
        30,
        time_zone=BUCHAREST,
        roll_to_working_day=True,
        holidays=ro,
    )
    assert on_christmas == datetime(2026, 12, 28, 23, 59, 59, tzinfo=BUC)


@pytest.mark.rule("T-2")
def test_t2_roll_without_holiday_calendar_skips_weekends_only() -> None:
    end = days_after(
        datetime(2026, 11, 24, 10, tzinfo=BTS),
        31,  # Friday 25 Dec 2026
        time_zone=BRATISLAVA,
        roll_to_working_day=True,
        holidays=None,
    )
    assert end == datetime(2026, 12, 25, 23, 59, 59, tzinfo=BTS)


@pytest.mark.rule("T-2")
def test_holiday_calendar_lookups() -> None:
    sk = HolidayCalendar("sk", language="en_US")
    assert sk.holiday_name(date(2026, 12, 25)) == "Christmas Day"
    assert sk.holiday_name(date(2026, 12, 23)) is None
    assert sk.is_working_day(date(2026, 12, 23))
    assert not sk.is_working_day(date(2026, 12, 24))
    assert not sk.is_working_day(date(2026, 11, 21))  # Saturday
    assert sk.next_working_day_on_or_after(date(2026, 12, 24)) == date(2026, 12, 28)
    assert sk.next_working_day_on_or_after(date(2026, 12, 23)) == date(2026, 12, 23)
    assert holiday_calendar("SK") is holiday_calendar("SK")


def test_unknown_country_and_time_zone_are_domain_errors() -> None:
    with pytest.raises(DomainError) as country:
        HolidayCalendar("XX")
    assert country.value.code == "unknown_country"
    with pytest.raises(DomainError) as zone:
        WorkingSchedule([], time_zone="Mars/Olympus_Mons")
    assert zone.value.code == "unknown_time_zone"


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2026, 12, 31), date(2027, 1, 1)),  # across the year
        (date(2024, 2, 29), date(2024, 3, 1)),
        (date(2026, 1, 31), date(2026, 2, 1)),
        (date(2026, 11, 1), date(2026, 12, 1)),
    ],
)
def test_first_of_next_month(day: date, first: date) -> None:
    assert first_of_next_month(day) == first
