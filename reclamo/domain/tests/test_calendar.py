"""Worked examples of the time rules (T-1…T-6, PN-6, PC-4) for reclamo.domain.calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.calendar import (
    HolidayCalendar,
    WeeklyWindow,
    WorkingSchedule,
    days_after,
    holiday_calendar,
    hours_after,
    months_after,
    require_aware,
    working_schedule,
)
from reclamo.domain.errors import DomainError

BUCHAREST = "Europe/Bucharest"
BRATISLAVA = "Europe/Bratislava"
BUC = ZoneInfo(BUCHAREST)
BTS = ZoneInfo(BRATISLAVA)
HOURS_2 = timedelta(hours=2)


def pn6_schedule() -> WorkingSchedule:
    """PN-6: Mon–Sun 09:00–21:00, Europe/Bucharest, public holidays are ordinary days."""
    return WorkingSchedule([(day, time(9), time(21)) for day in range(7)], time_zone=BUCHAREST)


def pc4_schedule() -> WorkingSchedule:
    """PC-4 reading: Mon–Sat 09:00–18:00, Europe/Bratislava, SK public holidays closed."""
    return WorkingSchedule(
        [(day, time(9), time(18)) for day in range(6)],
        time_zone=BRATISLAVA,
        holidays=holiday_calendar("SK"),
    )


def payments_schedule() -> WorkingSchedule:
    """PN-2 Payments: Mon–Fri 09:00–17:30, Saturday and Sunday closed."""
    return WorkingSchedule([(day, time(9), time(17, 30)) for day in range(5)], time_zone=BUCHAREST)


def non_stop_schedule(time_zone: str) -> WorkingSchedule:
    return WorkingSchedule(
        [WeeklyWindow(day, time(0), None) for day in range(7)], time_zone=time_zone
    )


# --- PN-6 / T-5 working hours ------------------------------------------------------------------


@pytest.mark.rule("PN-6", "T-5")
def test_pn6_received_2030_is_due_1030_next_day() -> None:
    """PN-6: a complaint received at 20:30 is due at 10:30 the next day."""
    due = pn6_schedule().add(datetime(2026, 11, 20, 20, 30, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 21, 10, 30, tzinfo=BUC)
    assert due.tzinfo is BUC


@pytest.mark.rule("PN-6", "T-5")
def test_pn6_received_0200_is_due_1100_same_day() -> None:
    """PN-6 / T-5: received at 02:00, outside the window, the clock starts at 09:00."""
    due = pn6_schedule().add(datetime(2026, 11, 20, 2, 0, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 20, 11, 0, tzinfo=BUC)


@pytest.mark.rule("PN-6", "T-5")
def test_pn6_public_holiday_counts_as_working_day() -> None:
    """PN-6: the text names no exceptions, so Christmas Day counts as working time."""
    schedule = pn6_schedule()
    assert holiday_calendar("RO").is_holiday(date(2026, 12, 25))
    due = schedule.add(datetime(2026, 12, 25, 8, 0, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 12, 25, 11, 0, tzinfo=BUC)


@pytest.mark.rule("PN-6", "T-5", "T-6")
def test_pn6_input_in_utc_is_answered_in_bucharest_time() -> None:
    """PN-6, T-6: 18:30 UTC is 20:30 in Bucharest (EET, UTC+2)."""
    due = pn6_schedule().add(datetime(2026, 11, 20, 18, 30, tzinfo=UTC), HOURS_2)
    assert due == datetime(2026, 11, 21, 10, 30, tzinfo=BUC)
    assert due.utcoffset() == timedelta(hours=2)


@pytest.mark.rule("PN-6", "T-5")
def test_pn6_result_exactly_at_window_end() -> None:
    """T-5: a duration that uses up a window exactly ends at its closing, not next morning."""
    due = pn6_schedule().add(datetime(2026, 11, 20, 19, 0, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 20, 21, 0, tzinfo=BUC)


@pytest.mark.rule("T-5")
def test_t5_start_outside_window_on_weekend_payments() -> None:
    """T-5 / PN-2 Payments: started Sunday 22:00 the clock starts Monday 09:00."""
    schedule = payments_schedule()
    due = schedule.add(datetime(2026, 11, 22, 22, 0, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 23, 11, 0, tzinfo=BUC)


@pytest.mark.rule("T-5")
def test_t5_friday_afternoon_carries_over_weekend() -> None:
    """T-5: 30 minutes on Friday 17:00–17:30, the remaining 90 on Monday."""
    due = payments_schedule().add(datetime(2026, 11, 20, 17, 0, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 23, 10, 30, tzinfo=BUC)


@pytest.mark.rule("T-5")
def test_t5_long_duration_across_dst_and_many_weeks() -> None:
    """T-5: 2000 working hours (166 days of 12 h, then 8 h) across the March DST change."""
    schedule = pn6_schedule()
    start = datetime(2026, 1, 5, 9, 0, tzinfo=BUC)
    due = schedule.add(start, timedelta(hours=2000))
    assert due == datetime(2026, 6, 20, 17, 0, tzinfo=BUC)
    assert schedule.working_time_between(start, due) == timedelta(hours=2000)


@pytest.mark.rule("T-5")
def test_t5_closed_dates_are_skipped() -> None:
    """T-5: the policy's closed days count no working time."""
    schedule = WorkingSchedule(
        [(day, time(9), time(21)) for day in range(7)],
        time_zone=BUCHAREST,
        closed_dates=[date(2026, 11, 21)],
    )
    due = schedule.add(datetime(2026, 11, 20, 20, 30, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 11, 22, 10, 30, tzinfo=BUC)
    assert not schedule.is_open(datetime(2026, 11, 21, 12, 0, tzinfo=BUC))


@pytest.mark.rule("T-5")
def test_t5_zero_duration_is_the_start_itself() -> None:
    schedule = pn6_schedule()
    start = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert schedule.add(start, timedelta(0)) == start
    assert schedule.add(start, timedelta(0)).tzinfo is BUC


@pytest.mark.rule("T-5")
def test_t5_negative_duration_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        pn6_schedule().add(datetime(2026, 11, 20, 10, tzinfo=BUC), timedelta(minutes=-1))
    assert caught.value.code == "negative_duration"


@pytest.mark.rule("T-5")
def test_t5_schedule_without_windows_has_no_working_time() -> None:
    schedule = WorkingSchedule([], time_zone=BUCHAREST)
    at = datetime(2026, 11, 20, 10, tzinfo=BUC)
    assert not schedule.is_open(at)
    with pytest.raises(DomainError) as caught:
        schedule.add(at, HOURS_2)
    assert caught.value.code == "no_working_time"
    with pytest.raises(DomainError):
        schedule.next_opening(at)


@pytest.mark.rule("T-5")
def test_t5_working_time_between_and_its_inverse() -> None:
    """T-5: time used of the PN-6 target, and the reverse order gives a negative amount."""
    schedule = pn6_schedule()
    received = datetime(2026, 11, 20, 20, 30, tzinfo=BUC)
    now = datetime(2026, 11, 21, 9, 45, tzinfo=BUC)
    assert schedule.working_time_between(received, now) == timedelta(minutes=75)
    assert schedule.working_time_between(now, received) == -timedelta(minutes=75)
    assert schedule.working_time_between(now, now) == timedelta(0)


@pytest.mark.rule("T-5")
def test_is_open_next_opening_and_window_end() -> None:
    schedule = pn6_schedule()
    inside = datetime(2026, 11, 20, 10, 0, tzinfo=BUC)
    assert schedule.is_open(inside)
    assert schedule.next_opening(inside) == inside
    assert schedule.current_window_end(inside) == datetime(2026, 11, 20, 21, 0, tzinfo=BUC)
    closing = datetime(2026, 11, 20, 21, 0, tzinfo=BUC)
    assert not schedule.is_open(closing)  # windows are [opens, closes)
    assert schedule.current_window_end(closing) is None
    assert schedule.next_opening(closing) == datetime(2026, 11, 21, 9, 0, tzinfo=BUC)
    assert schedule.is_open(datetime(2026, 11, 21, 9, 0, tzinfo=BUC))


def test_working_schedule_factory_is_cached() -> None:
    windows = tuple(WeeklyWindow(day, time(9), time(21)) for day in range(7))
    first = working_schedule(windows, time_zone=BUCHAREST)
    assert working_schedule(windows, time_zone=BUCHAREST) is first
    assert first.weekly_open_time == timedelta(hours=84)


# --- PC-4: holidays are closed days ---------------------------------------------------------------


@pytest.mark.rule("PC-4", "T-5")
def test_pc4_report_outside_window_counts_from_next_opening_after_christmas() -> None:
    """PC-4: a report on Wed 23 Dec 2026 at 19:00 counts from Mon 28 Dec 09:00.

    24, 25 and 26 December are SK public holidays and Sunday 27 is not in the schedule.
    """
    schedule = pc4_schedule()
    report = datetime(2026, 12, 23, 19, 0, tzinfo=BTS)
    assert not schedule.is_open(report)
    received = schedule.next_opening(report)
    assert received == datetime(2026, 12, 28, 9, 0, tzinfo=BTS)
    assert hours_after(received, 48) == datetime(2026, 12, 30, 9, 0, tzinfo=BTS)


@pytest.mark.rule("PC-4", "T-5")
def test_pc4_working_hours_skip_public_holidays() -> None:
    """PC-4 / T-5: 1 h on 23 Dec, then nothing until Mon 28 Dec."""
    due = pc4_schedule().add(datetime(2026, 12, 23, 17, 0, tzinfo=BTS), HOURS_2)
    assert due == datetime(2026, 12, 28, 10, 0, tzinfo=BTS)


@pytest.mark.rule("PC-4", "T-5")
def test_pc4_saturday_is_a_working_day_but_not_a_saturday_holiday() -> None:
    """PC-4: Monday–Saturday; Sat 29 Aug 2026 is the SNP anniversary, a public holiday."""
    schedule = pc4_schedule()
    assert schedule.is_open(datetime(2026, 11, 21, 10, 0, tzinfo=BTS))
    assert not schedule.is_open(datetime(2026, 8, 29, 10, 0, tzinfo=BTS))
    assert not schedule.is_open(datetime(2026, 11, 22, 10, 0, tzinfo=BTS))  # Sunday
    # All Saints' Day 2026 is a Sunday: the next opening is Monday 2 Nov.
    assert schedule.next_opening(datetime(2026, 11, 1, 10, 0, tzinfo=BTS)) == datetime(
        2026, 11, 2, 9, 0, tzinfo=BTS
    )


# --- T-1, T-2 periods in days ---------------------------------------------------------------------


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


# --- T-3 periods in months ------------------------------------------------------------------------


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


# --- T-4 periods in hours -------------------------------------------------------------------------


@pytest.mark.rule("T-4")
@pytest.mark.parametrize("zone", [BUC, BTS], ids=["bucharest", "bratislava"])
def test_t4_24_hours_across_spring_forward(zone: ZoneInfo) -> None:
    """T-4: 24 h from Sat 28 Mar 2026 12:00 ends Sun 29 Mar 13:00 (clocks went forward)."""
    event = datetime(2026, 3, 28, 12, 0, tzinfo=zone)
    end = hours_after(event, 24)
    assert end == datetime(2026, 3, 29, 13, 0, tzinfo=zone)
    assert (end.hour, end.day) == (13, 29)
    assert end.astimezone(UTC) - event.astimezone(UTC) == timedelta(hours=24)


@pytest.mark.rule("T-4")
@pytest.mark.parametrize("zone", [BUC, BTS], ids=["bucharest", "bratislava"])
def test_t4_24_hours_across_fall_back(zone: ZoneInfo) -> None:
    """T-4: 24 h from Sat 24 Oct 2026 12:00 ends Sun 25 Oct 11:00 (clocks went back)."""
    event = datetime(2026, 10, 24, 12, 0, tzinfo=zone)
    end = hours_after(event, 24)
    assert end == datetime(2026, 10, 25, 11, 0, tzinfo=zone)
    assert (end.hour, end.day) == (11, 25)
    assert end.astimezone(UTC) - event.astimezone(UTC) == timedelta(hours=24)


@pytest.mark.rule("T-4")
def test_t4_keeps_the_input_zone_and_accepts_fractions() -> None:
    """T-4: UN-4's 24 hours; exact to the second, in the input's zone."""
    event = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert hours_after(event, 1.5) == datetime(2026, 11, 20, 11, 30, tzinfo=UTC)
    assert hours_after(event, 1.5).tzinfo is UTC
    with pytest.raises(DomainError):
        hours_after(event, -1)


# --- DST inside working windows (T-5 with T-4's elapsed time) -----------------------------------


@pytest.mark.rule("T-5")
@pytest.mark.parametrize(
    ("zone_name", "day", "expected"),
    [
        (BUCHAREST, date(2026, 3, 29), timedelta(hours=23)),
        (BUCHAREST, date(2026, 10, 25), timedelta(hours=25)),
        (BRATISLAVA, date(2026, 3, 29), timedelta(hours=23)),
        (BRATISLAVA, date(2026, 10, 25), timedelta(hours=25)),
        (BRATISLAVA, date(2026, 11, 20), timedelta(hours=24)),
    ],
)
def test_non_stop_window_counts_real_elapsed_time(
    zone_name: str, day: date, expected: timedelta
) -> None:
    """T-5: a non-stop 00:00–24:00 schedule counts 23 h / 25 h on the DST change days."""
    zone = ZoneInfo(zone_name)
    schedule = non_stop_schedule(zone_name)
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    assert schedule.working_time_between(start, end) == expected
    assert schedule.add(start, expected) == end
    assert schedule.is_open(datetime(2026, 3, 29, 3, 30, tzinfo=zone))


@pytest.mark.rule("PN-6", "T-5")
def test_pn6_window_on_dst_day_is_twelve_real_hours() -> None:
    """PN-6 on 29 Mar 2026: 09:00–21:00 is 12 real hours; 20:30 + 2 h → 10:30 next day."""
    schedule = pn6_schedule()
    day_start = datetime(2026, 3, 29, 0, 0, tzinfo=BUC)
    day_end = datetime(2026, 3, 30, 0, 0, tzinfo=BUC)
    assert schedule.working_time_between(day_start, day_end) == timedelta(hours=12)
    due = schedule.add(datetime(2026, 3, 28, 20, 30, tzinfo=BUC), HOURS_2)
    assert due == datetime(2026, 3, 29, 10, 30, tzinfo=BUC)


@pytest.mark.rule("T-5")
def test_window_opening_in_spring_forward_gap_opens_at_end_of_gap() -> None:
    """Bucharest 29 Mar 2026 skips 03:00–04:00: a 03:30 opening opens at 04:00 EEST."""
    schedule = WorkingSchedule([(6, time(3, 30), time(5))], time_zone=BUCHAREST)
    opening = schedule.next_opening(datetime(2026, 3, 29, 0, 0, tzinfo=BUC))
    assert opening == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert (opening.hour, opening.minute) == (4, 0)
    assert schedule.add(opening, timedelta(hours=1)) == datetime(2026, 3, 29, 5, 0, tzinfo=BUC)


@pytest.mark.rule("T-5")
def test_window_opening_in_fall_back_fold_opens_at_first_occurrence() -> None:
    """Bucharest 25 Oct 2026 repeats 03:00–04:00: 03:30 is its first (EEST) occurrence."""
    schedule = WorkingSchedule([(6, time(3, 30), time(5))], time_zone=BUCHAREST)
    opening = schedule.next_opening(datetime(2026, 10, 25, 0, 0, tzinfo=BUC))
    # Compare in UTC: Python's == between zones is always False for a time in a fold (PEP 495).
    assert opening.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert (opening.hour, opening.minute, opening.fold) == (3, 30, 0)
    assert opening.utcoffset() == timedelta(hours=3)
    day = (datetime(2026, 10, 25, tzinfo=BUC), datetime(2026, 10, 26, tzinfo=BUC))
    assert schedule.working_time_between(*day) == timedelta(hours=2, minutes=30)


# --- windows --------------------------------------------------------------------------------------


@pytest.mark.rule("T-5")
def test_weekly_window_24_00_representation() -> None:
    assert WeeklyWindow(0, time(9), time(0)).closes is None
    assert WeeklyWindow(0, time(9), time(0)) == WeeklyWindow(0, time(9), None)
    assert WeeklyWindow.from_text(6, "00:00", "24:00") == WeeklyWindow(6, time(0), None)
    assert WeeklyWindow.from_text(0, "09:00", "17:30").closes == time(17, 30)
    assert WeeklyWindow(0, time(0), None).closes_us - WeeklyWindow(0, time(0)).opens_us == (
        86_400_000_000
    )


@pytest.mark.rule("T-5")
@pytest.mark.parametrize(
    "build",
    [
        lambda: WeeklyWindow(7, time(9), time(17)),
        lambda: WeeklyWindow(0, time(17), time(9)),
        lambda: WeeklyWindow(0, time(9), time(9)),
        lambda: WeeklyWindow(0, time(9, tzinfo=UTC), time(17)),
        lambda: WeeklyWindow.from_text(0, "9h", "17h"),
    ],
    ids=["weekday", "crosses-midnight", "empty", "aware", "unreadable"],
)
def test_invalid_windows_are_refused(build: Callable[[], WeeklyWindow]) -> None:
    with pytest.raises(DomainError) as caught:
        build()
    assert caught.value.code == "invalid_window"


@pytest.mark.rule("T-5")
def test_overlapping_windows_are_merged() -> None:
    schedule = WorkingSchedule(
        [(0, time(9), time(12)), (0, time(11), time(14)), (0, time(14), time(15))],
        time_zone=BUCHAREST,
    )
    monday = datetime(2026, 11, 23, 10, 0, tzinfo=BUC)
    assert schedule.current_window_end(monday) == datetime(2026, 11, 23, 15, 0, tzinfo=BUC)
    assert schedule.weekly_open_time == timedelta(hours=6)


# --- T-6 naive input ------------------------------------------------------------------------------

NAIVE = datetime(2026, 11, 20, 10, 0)  # noqa: DTZ001 - the input under test
AWARE = datetime(2026, 11, 20, 10, 0, tzinfo=BUC)
_PERIOD: dict[str, Any] = {"time_zone": BUCHAREST, "roll_to_working_day": True, "holidays": None}


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: require_aware(NAIVE, field="received_at"), "received_at"),
        (lambda: pn6_schedule().add(NAIVE, HOURS_2), "start"),
        (lambda: pn6_schedule().is_open(NAIVE), "at"),
        (lambda: pn6_schedule().next_opening(NAIVE), "at"),
        (lambda: pn6_schedule().current_window_end(NAIVE), "at"),
        (lambda: pn6_schedule().working_time_between(NAIVE, AWARE), "start"),
        (lambda: pn6_schedule().working_time_between(AWARE, NAIVE), "end"),
        (lambda: days_after(NAIVE, 30, **_PERIOD), "event_at"),
        (lambda: months_after(NAIVE, 3, **_PERIOD), "event_at"),
        (lambda: hours_after(NAIVE, 24), "event_at"),
    ],
    ids=[
        "require_aware",
        "add",
        "is_open",
        "next_opening",
        "current_window_end",
        "between-start",
        "between-end",
        "days_after",
        "months_after",
        "hours_after",
    ],
)
def test_t6_naive_datetimes_are_refused(call: Callable[[], object], field: str) -> None:
    """T-6: input without a UTC offset is refused with a clear error."""
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == "naive_datetime"
    assert caught.value.field == field
    assert "UTC offset" in caught.value.message


@pytest.mark.rule("T-6")
def test_t6_require_aware_returns_aware_value_unchanged() -> None:
    assert require_aware(AWARE, field="received_at") is AWARE
