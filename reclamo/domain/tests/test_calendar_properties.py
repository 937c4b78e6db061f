"""Property tests (hypothesis) of reclamo.domain.calendar: T-1…T-5 over 2020–2035.

Instants are compared and shifted in UTC: between two datetimes of one zone, Python's ``==``,
``-`` and ``+ timedelta`` work on the wall clock (ignoring ``fold`` and DST), so they would be
wrong across a clock change.

The working-time checks compare against a slow, independent reference that builds every window
of every day with plain aware datetimes and the module's documented DST reading (a time in a
fold is its first occurrence; a time in a gap is the end of the gap, which in the EU is on a
whole UTC hour).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclamo.domain.calendar import (
    HolidayCalendar,
    WeeklyWindow,
    WorkingSchedule,
    days_after,
    holiday_calendar,
    hours_after,
    months_after,
)

ZONES = ("Europe/Bucharest", "Europe/Bratislava")
HOLIDAYS: tuple[HolidayCalendar | None, ...] = (
    None,
    holiday_calendar("SK"),
    holiday_calendar("RO"),
)
US = timedelta(microseconds=1)


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


# EU clocks change at 01:00 UTC on the last Sunday of March and of October.
DST_CHANGES = [
    datetime.combine(_last_sunday(year, month), time(1), tzinfo=UTC)
    for year in range(2020, 2036)
    for month in (3, 10)
]

uniform_instants = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - bounds for hypothesis, made aware below
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)
near_dst_instants = st.builds(
    lambda change, offset: change + timedelta(microseconds=offset),
    st.sampled_from(DST_CHANGES),
    st.integers(-3 * 86_400_000_000, 3 * 86_400_000_000),
)
utc_instants = st.one_of(uniform_instants, near_dst_instants)

# Window boundaries in minutes on a quarter-hour grid or any minute; 1440 is 24:00. Times between
# 02:00 and 04:00 hit both zones' DST gaps and folds.
minutes = st.one_of(
    st.integers(0, 96).map(lambda quarter: quarter * 15),
    st.integers(0, 1440),
    st.integers(120, 240),
)


def _clock(minute: int) -> time | None:
    return None if minute == 1440 else time(minute // 60, minute % 60)


@st.composite
def weekly_windows(draw: st.DrawFn) -> list[WeeklyWindow]:
    windows: list[WeeklyWindow] = []
    for weekday in range(7):
        for _ in range(draw(st.integers(0, 3))):  # 0 windows: a closed weekday
            opens, closes = sorted(draw(st.lists(minutes, min_size=2, max_size=2, unique=True)))
            clock = _clock(opens)
            assert clock is not None
            windows.append(WeeklyWindow(weekday, clock, _clock(closes)))
    if not windows:
        windows.append(WeeklyWindow(draw(st.integers(0, 6)), time(9), time(17)))
    return windows


@dataclass(frozen=True)
class Scenario:
    schedule: WorkingSchedule
    windows: tuple[WeeklyWindow, ...]
    zone: ZoneInfo
    closed_dates: frozenset[date]
    holidays: HolidayCalendar | None
    start: datetime


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    start = draw(utc_instants)
    if draw(st.booleans()):
        start = start.astimezone(zone)
    windows = tuple(draw(weekly_windows()))
    local_day = start.astimezone(zone).date()
    closed = frozenset(
        local_day + timedelta(days=offset)
        for offset in draw(st.lists(st.integers(-1, 40), max_size=10))
    )
    holidays = draw(st.sampled_from(HOLIDAYS))
    schedule = WorkingSchedule(windows, time_zone=zone_name, closed_dates=closed, holidays=holidays)
    return Scenario(schedule, windows, zone, closed, holidays, start)


def durations(schedule: WorkingSchedule) -> st.SearchStrategy[timedelta]:
    """Short durations, and long ones of up to about eight weeks of the schedule's open time."""
    weekly = schedule.weekly_open_time // US
    return st.one_of(
        st.integers(1, 3 * 3_600_000_000),
        st.integers(1, max(1, 8 * weekly)),
    ).map(lambda us: timedelta(microseconds=us))


# --- the reference ------------------------------------------------------------------------------


def _first_instant_showing(zone: ZoneInfo, day: date, clock: time | None) -> datetime:
    if clock is None:
        day, clock = day + timedelta(days=1), time(0)
    wall = datetime.combine(day, clock)
    first = min(
        wall.replace(tzinfo=zone, fold=0).astimezone(UTC),
        wall.replace(tzinfo=zone, fold=1).astimezone(UTC),
    )
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap: EU transitions happen on a whole UTC hour, just after `first`.
    return first.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def reference_working_time(scenario: Scenario, start: datetime, end: datetime) -> timedelta:
    zone = scenario.zone
    day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    spans: list[tuple[datetime, datetime]] = []
    while day <= last_day:
        closed = day in scenario.closed_dates or (
            scenario.holidays is not None and scenario.holidays.is_holiday(day)
        )
        if not closed:
            for window in scenario.windows:
                if window.weekday == day.weekday():
                    spans.append(
                        (
                            _first_instant_showing(zone, day, window.opens),
                            _first_instant_showing(zone, day, window.closes),
                        )
                    )
        day += timedelta(days=1)
    total = timedelta(0)
    covered_until = start.astimezone(UTC)
    end_utc = end.astimezone(UTC)
    for opens, closes in sorted(spans):  # union of the spans, clipped to [start, end)
        lo = max(opens, covered_until)
        hi = min(closes, end_utc)
        if hi > lo:
            total += hi - lo
            covered_until = hi
    return total


# --- T-5 working hours --------------------------------------------------------------------------


@pytest.mark.rule("T-5")
@PROPERTY_SETTINGS
@given(data=st.data(), scenario=scenarios())
def test_t5_add_matches_reference_and_ends_in_working_time(
    data: st.DataObject, scenario: Scenario
) -> None:
    """T-5: add() uses up exactly the duration, ends in a window (or at its end), never early."""
    schedule, start = scenario.schedule, scenario.start
    duration = data.draw(durations(schedule))
    due = schedule.add(start, duration)
    assert due.tzinfo is scenario.zone
    assert utc(due) >= utc(start)
    # The microsecond just before the result is working time: inside a window or at its end.
    just_before = utc(due) - US
    assert schedule.working_time_between(just_before, due) == US
    window_end = schedule.current_window_end(just_before)
    assert window_end is not None
    assert schedule.is_open(due) or utc(window_end) == utc(due)
    assert schedule.working_time_between(start, due) == duration
    assert reference_working_time(scenario, start, due) == duration
    assert reference_working_time(scenario, start, just_before) == duration - US


@pytest.mark.rule("T-5")
@PROPERTY_SETTINGS
@given(data=st.data(), scenario=scenarios())
def test_t5_add_is_additive(data: st.DataObject, scenario: Scenario) -> None:
    """T-5: add(add(s, a), b) == add(s, a + b), as instants."""
    schedule, start = scenario.schedule, scenario.start
    first = data.draw(st.one_of(st.just(timedelta(0)), durations(schedule)))
    second = data.draw(st.one_of(st.just(timedelta(0)), durations(schedule)))
    stepwise = schedule.add(schedule.add(start, first), second)
    assert utc(stepwise) == utc(schedule.add(start, first + second))


@pytest.mark.rule("T-5")
@PROPERTY_SETTINGS
@given(data=st.data(), scenario=scenarios())
def test_t5_working_time_between_matches_reference(data: st.DataObject, scenario: Scenario) -> None:
    """T-5: time used between two instants, against the slow reference."""
    start = scenario.start
    span = data.draw(st.integers(0, 60 * 86_400_000_000))
    end = utc(start) + timedelta(microseconds=span)
    used = scenario.schedule.working_time_between(start, end)
    assert used == reference_working_time(scenario, start, end)
    assert scenario.schedule.working_time_between(end, start) == -used


@pytest.mark.rule("T-5")
@PROPERTY_SETTINGS
@given(scenario=scenarios())
def test_t5_next_opening_and_is_open(scenario: Scenario) -> None:
    """T-5: the clock starts at the next opening: no working time before it, open at it."""
    schedule, start = scenario.schedule, scenario.start
    opening = schedule.next_opening(start)
    assert utc(opening) >= utc(start)
    assert schedule.is_open(opening)
    assert schedule.working_time_between(start, opening) == timedelta(0)
    assert schedule.is_open(start) == (utc(opening) == utc(start))
    assert schedule.is_open(start) == (
        reference_working_time(scenario, start, utc(start) + US) == US
    )
    end = schedule.current_window_end(opening)
    assert end is not None
    assert schedule.working_time_between(opening, end) == utc(end) - utc(opening)


# --- T-1, T-2, T-3, T-4 periods -----------------------------------------------------------------


def _is_working_day(day: date, holidays: HolidayCalendar | None) -> bool:
    return day.weekday() < 5 and (holidays is None or not holidays.is_holiday(day))


@pytest.mark.rule("T-1", "T-2")
@PROPERTY_SETTINGS
@given(
    event=utc_instants,
    days=st.integers(0, 400),
    zone_name=st.sampled_from(ZONES),
    holidays=st.sampled_from(HOLIDAYS),
    roll=st.booleans(),
)
def test_t1_t2_days_after(
    event: datetime, days: int, zone_name: str, holidays: HolidayCalendar | None, roll: bool
) -> None:
    """T-1: ends 23:59:59 local on event's local date + days; T-2: rolled to a working day."""
    zone = ZoneInfo(zone_name)
    end = days_after(event, days, time_zone=zone_name, roll_to_working_day=roll, holidays=holidays)
    unrolled = event.astimezone(zone).date() + timedelta(days=days)
    assert end.tzinfo is zone
    assert end.time() == time(23, 59, 59)
    assert end.replace(tzinfo=None) == utc(end).astimezone(zone).replace(tzinfo=None)
    if not roll:
        assert end.date() == unrolled
        return
    assert _is_working_day(end.date(), holidays)
    assert end.date() >= unrolled
    skipped = (end.date() - unrolled).days
    assert all(not _is_working_day(unrolled + timedelta(days=n), holidays) for n in range(skipped))


@pytest.mark.rule("T-3", "T-2")
@PROPERTY_SETTINGS
@given(
    event=utc_instants,
    months=st.integers(0, 40),
    zone_name=st.sampled_from(ZONES),
    holidays=st.sampled_from(HOLIDAYS),
    roll=st.booleans(),
)
def test_t3_t2_months_after(
    event: datetime, months: int, zone_name: str, holidays: HolidayCalendar | None, roll: bool
) -> None:
    """T-3: same day number or the month's last day; T-2 roll never ends on a non-working day."""
    zone = ZoneInfo(zone_name)
    end = months_after(
        event, months, time_zone=zone_name, roll_to_working_day=roll, holidays=holidays
    )
    local = event.astimezone(zone).date()
    assert end.time() == time(23, 59, 59)
    assert end.tzinfo is zone
    month_count = local.year * 12 + local.month - 1 + months
    if not roll:
        assert (end.year * 12 + end.month - 1) == month_count
        following = end.date() + timedelta(days=1)
        assert end.day == local.day or (end.day < local.day and following.day == 1)
        return
    assert _is_working_day(end.date(), holidays)
    assert (end.year * 12 + end.month - 1) >= month_count


@pytest.mark.rule("T-4")
@PROPERTY_SETTINGS
@given(event=utc_instants, hours=st.integers(0, 24 * 400), zone_name=st.sampled_from(ZONES))
def test_t4_hours_after_is_exact_elapsed_time(event: datetime, hours: int, zone_name: str) -> None:
    """T-4: exact elapsed hours across DST, answered in the input's zone."""
    zone = ZoneInfo(zone_name)
    local_event = event.astimezone(zone)
    end = hours_after(local_event, hours)
    assert end.tzinfo is zone
    assert utc(end) - event == timedelta(hours=hours)
