"""The product's range (calendar/limits.py): an answer or ``OutOfRange``, never another error.

procedures.md (readings of 2026-11-22): a date or instant the product cannot represent, or whose
deadlines it cannot represent, is refused (``out_of_range``). The range is 1970-01-01T00:00Z to
2100-12-31T23:59:59.999999Z; holiday calendars also refuse the years their data does not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclamo.domain.calendar import (
    EARLIEST,
    LATEST,
    HolidayCalendar,
    WorkingSchedule,
    days_after,
    holiday_calendar,
    hours_after,
    months_after,
    require_representable,
)
from reclamo.domain.errors import DomainError, OutOfRange

T = TypeVar("T")
BRATISLAVA = "Europe/Bratislava"
ZONE_NAMES = ("Europe/Bratislava", "Europe/Bucharest", "America/New_York", "Pacific/Kiritimati")
INPUT_ZONES = (
    UTC,
    timezone(timedelta(hours=14)),
    timezone(-timedelta(hours=12)),
    *(ZoneInfo(name) for name in ZONE_NAMES),
)
HOLIDAYS: tuple[HolidayCalendar | None, ...] = (
    None,
    holiday_calendar("SK"),
    holiday_calendar("RO"),
)
# Every holiday calendar above knows these years, well inside the range.
SAFE_FIRST = datetime(1998, 1, 1, tzinfo=UTC)
SAFE_LAST = datetime(2100, 6, 1, tzinfo=UTC)
US = timedelta(microseconds=1)

RANGE_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)

anywhere = st.datetimes(
    min_value=datetime(1, 1, 1),  # noqa: DTZ001 - bounds for hypothesis, made aware by timezones
    max_value=datetime(9999, 12, 31, 23, 59, 59, 999_999),  # noqa: DTZ001
    timezones=st.sampled_from(INPUT_ZONES),
)
near_an_end = st.builds(
    lambda end, offset, zone: (end + timedelta(microseconds=offset)).astimezone(zone),
    st.sampled_from((EARLIEST, LATEST)),
    st.integers(-3 * 86_400_000_000, 3 * 86_400_000_000),
    st.sampled_from(INPUT_ZONES),
)
instants = st.one_of(anywhere, near_an_end)


def outcome(call: Callable[[], T]) -> T | None:
    """The answer, or None for OutOfRange; any other exception fails the test."""
    try:
        return call()
    except OutOfRange as refused:
        assert refused.code == "out_of_range"
        assert isinstance(refused, DomainError)
        return None


def in_range(value: datetime) -> bool:
    return EARLIEST <= value <= LATEST


def safely_inside(value: datetime) -> bool:
    return SAFE_FIRST <= value <= SAFE_LAST


@pytest.mark.rule("T-1", "T-2", "T-3")
@RANGE_SETTINGS
@given(
    event=instants,
    amount=st.one_of(st.integers(0, 400), st.integers(0, 10**7), st.just(10**30)),
    zone_name=st.sampled_from(ZONE_NAMES),
    holidays=st.sampled_from(HOLIDAYS),
    roll=st.booleans(),
)
def test_periods_in_days_and_months_answer_or_refuse_out_of_range(
    event: datetime, amount: int, zone_name: str, holidays: HolidayCalendar | None, roll: bool
) -> None:
    zone = ZoneInfo(zone_name)
    options = {"time_zone": zone_name, "roll_to_working_day": roll, "holidays": holidays}
    by_days = outcome(lambda: days_after(event, amount, **options))  # type: ignore[arg-type]
    by_months = outcome(lambda: months_after(event, amount, **options))  # type: ignore[arg-type]
    for end in (by_days, by_months):
        if end is not None:
            assert in_range(event)
            assert in_range(end)
            assert end.tzinfo is zone
            assert end.time() == time(23, 59, 59)
    if by_days is not None:
        assert by_days.date() >= event.astimezone(zone).date() + timedelta(days=amount)
    # Refused only where the input or the answer is out of range: well inside, always answered.
    if safely_inside(event):
        local = event.astimezone(zone).date()
        if amount <= 400 and local + timedelta(days=amount) <= date(2100, 12, 15):
            assert by_days is not None
        if local.year * 12 + local.month - 1 + amount <= 2100 * 12 + 10:
            assert by_months is not None


@pytest.mark.rule("T-4")
@RANGE_SETTINGS
@given(
    event=instants,
    hours=st.one_of(
        st.integers(0, 24 * 400),
        st.floats(0, 1e300, allow_nan=False),
        st.just(float("inf")),
    ),
)
def test_periods_in_hours_answer_or_refuse_out_of_range(event: datetime, hours: float) -> None:
    end = outcome(lambda: hours_after(event, hours))
    if end is None:
        assert not in_range(event) or hours > 1e6 or event + timedelta(hours=hours) > LATEST
        return
    assert in_range(event) and in_range(end)
    assert end.tzinfo is event.tzinfo
    assert end.astimezone(UTC) - event.astimezone(UTC) == timedelta(hours=hours)


@pytest.mark.rule("T-5")
@RANGE_SETTINGS
@given(
    start=instants,
    other=instants,
    hours=st.integers(0, 500),
    holidays=st.sampled_from(HOLIDAYS),
    zone_name=st.sampled_from(ZONE_NAMES),
)
def test_working_hours_answer_or_refuse_out_of_range(
    start: datetime, other: datetime, hours: int, holidays: HolidayCalendar | None, zone_name: str
) -> None:
    schedule = WorkingSchedule(
        [(day, time(9), time(18)) for day in range(6)], time_zone=zone_name, holidays=holidays
    )
    duration = timedelta(hours=hours)
    due = outcome(lambda: schedule.add(start, duration))
    opening = outcome(lambda: schedule.next_opening(start))
    is_open = outcome(lambda: schedule.is_open(start))
    outcome(lambda: schedule.current_window_end(start))
    between = outcome(lambda: schedule.working_time_between(start, other))
    if due is not None:
        assert in_range(start) and in_range(due)
        if hours:  # a zero duration is answered with the start itself, without the calendar
            assert schedule.working_time_between(start, due) == duration
        else:
            assert due == start
    if opening is not None:
        assert in_range(opening) and opening >= start
    if between is not None:
        assert in_range(start) and in_range(other)
    if safely_inside(start) and start < SAFE_LAST - timedelta(days=100):
        assert due is not None and opening is not None and is_open is not None


@pytest.mark.rule("T-2")
@RANGE_SETTINGS
@given(event=instants, holidays=st.sampled_from(HOLIDAYS[1:]))
def test_holiday_calendars_answer_or_refuse_out_of_range(
    event: datetime, holidays: HolidayCalendar
) -> None:
    day = event.date()
    assert outcome(lambda: holidays.is_holiday(day)) in (True, False, None)
    assert outcome(lambda: holidays.is_working_day(day)) in (True, False, None)
    outcome(lambda: holidays.holiday_name(day))
    following = outcome(lambda: holidays.next_working_day_on_or_after(day))
    if following is not None:
        assert following >= day
        assert holidays.is_working_day(following)
    if date(1998, 1, 1) <= day <= date(2100, 6, 1):
        assert following is not None


# --- worked examples ----------------------------------------------------------------------------


def test_an_instant_of_year_1_is_refused_with_a_message_a_person_can_act_on() -> None:
    event = datetime(1, 1, 1, tzinfo=UTC)
    with pytest.raises(OutOfRange) as refused:
        days_after(event, 30, time_zone=BRATISLAVA, roll_to_working_day=True, holidays=None)
    assert refused.value.code == "out_of_range"
    assert refused.value.field == "event_at"
    assert refused.value.message == (
        "event_at 0001-01-01T00:00:00+00:00 is outside what Reclamo can compute (1970–2100)."
    )


def _days(at: datetime, days: int = 0, roll: bool = False) -> datetime:
    return days_after(at, days, time_zone=BRATISLAVA, roll_to_working_day=roll, holidays=None)


def _months(at: datetime, months: int = 0) -> datetime:
    return months_after(at, months, time_zone=BRATISLAVA, roll_to_working_day=True, holidays=None)


def _working(at: datetime, duration: timedelta = US) -> datetime:
    return WorkingSchedule([(0, time(9), time(17))], time_zone=BRATISLAVA).add(at, duration)


@pytest.mark.parametrize(
    "call",
    [_days, _months, lambda at: hours_after(at, 0), _working],
    ids=["days_after", "months_after", "hours_after", "add"],
)
@pytest.mark.parametrize(
    "at",
    [
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone(-timedelta(hours=12))),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        EARLIEST - US,
        LATEST + US,
    ],
    ids=["year-9999-minus-12h", "year-1-plus-14h", "just-before", "just-after"],
)
def test_instants_just_outside_the_range_are_refused(
    call: Callable[[datetime], datetime], at: datetime
) -> None:
    with pytest.raises(OutOfRange):
        call(at)


def test_first_and_last_instants_of_the_range_are_answered() -> None:
    new_york = ZoneInfo("America/New_York")
    assert hours_after(EARLIEST, 0) == EARLIEST
    assert hours_after(LATEST, 0) == LATEST
    # The first instant is on 1969-12-31 in New York; that day's end is in range.
    assert days_after(
        EARLIEST, 0, time_zone="America/New_York", roll_to_working_day=False, holidays=None
    ) == datetime(1969, 12, 31, 23, 59, 59, tzinfo=new_york)
    assert _days(datetime(2100, 12, 30, 10, tzinfo=ZoneInfo(BRATISLAVA)), 1) == datetime(
        2100, 12, 31, 23, 59, 59, tzinfo=ZoneInfo(BRATISLAVA)
    )


@pytest.mark.rule("T-1", "T-3", "T-4", "T-5")
@pytest.mark.parametrize(
    "call",
    [
        lambda at: _days(at, 10**12, roll=True),
        lambda at: _days(at, 30),
        lambda at: _months(at, 999_999_999),
        lambda at: hours_after(at, 1e300),
        lambda at: hours_after(at, float("inf")),
        lambda at: _working(at, timedelta(days=999_999_999)),
    ],
    ids=["huge-days", "days-past-2100", "huge-months", "huge-hours", "inf-hours", "huge-working"],
)
def test_a_deadline_beyond_the_range_is_refused(call: Callable[[datetime], datetime]) -> None:
    at = datetime(2100, 12, 20, 10, tzinfo=ZoneInfo(BRATISLAVA))
    with pytest.raises(OutOfRange) as refused:
        call(at)
    assert "falls outside what Reclamo can compute (1970–2100)" in refused.value.message


@pytest.mark.parametrize("amount", [float("inf"), 1e300])
def test_endless_days_and_months_are_refused(amount: float) -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(OutOfRange):
        _days(at, amount)  # type: ignore[arg-type]
    with pytest.raises(OutOfRange):
        _months(at, amount)  # type: ignore[arg-type]


def test_require_representable_names_the_field() -> None:
    with pytest.raises(OutOfRange) as refused:
        require_representable(datetime(9999, 1, 1, tzinfo=UTC), field="received_at")
    assert refused.value.field == "received_at"
    assert refused.value.message.startswith("received_at 9999-01-01T00:00:00+00:00 is outside")
    with pytest.raises(DomainError) as naive:
        require_representable(datetime(2026, 1, 1), field="received_at")  # noqa: DTZ001
    assert naive.value.code == "naive_datetime"
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert require_representable(at, field="received_at") is at


def test_nan_hours_are_not_a_number() -> None:
    with pytest.raises(DomainError) as refused:
        hours_after(datetime(2026, 1, 1, tzinfo=UTC), float("nan"))
    assert refused.value.code == "invalid_period"


@pytest.mark.rule("T-2")
def test_holidays_are_refused_for_years_the_data_does_not_cover() -> None:
    """SK holidays are known from 1993 and to 2100: not answered as if there were none."""
    sk = holiday_calendar("SK")
    with pytest.raises(OutOfRange, match="Public holidays of SK are known for 1993–2100 only"):
        days_after(
            datetime(1990, 5, 1, tzinfo=UTC),
            30,
            time_zone=BRATISLAVA,
            roll_to_working_day=True,
            holidays=sk,
        )
    with pytest.raises(OutOfRange):
        sk.is_holiday(date(2101, 1, 1))
    # Without holidays the same period is answered: only weekends roll.
    assert days_after(
        datetime(1990, 5, 1, tzinfo=UTC),
        30,
        time_zone=BRATISLAVA,
        roll_to_working_day=True,
        holidays=None,
    ) == datetime(1990, 5, 31, 23, 59, 59, tzinfo=ZoneInfo(BRATISLAVA))
