"""Working hours (T-5) as PN-6 and PC-4 read them: windows, holidays closed or open,
carrying over nights and weekends, DST inside a window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.calendar import (
    WeeklyWindow,
    WorkingSchedule,
    holiday_calendar,
    hours_after,
    working_schedule,
)
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.calendar_helpers import (
    BRATISLAVA,
    BTS,
    BUC,
    BUCHAREST,
    HOURS_2,
    pn6_schedule,
)


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
