"""Working hours (T-5): weekly windows in a zone, minus closed dates and (optionally) holidays."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from reclamo.domain.calendar.holidays import HolidayCalendar
from reclamo.domain.calendar.limits import (
    DAY_US,
    EPOCH_ORDINAL,
    FIRST_DAY,
    LAST_DAY,
    LATEST_US,
    SCHEDULE_DAYS,
    SCHEDULE_WEEKS,
    US,
    beyond_range,
    evict_oldest_half,
    out_of_range,
    require_in_range,
)
from reclamo.domain.calendar.windows import (
    Interval,
    WeeklyWindow,
    WindowSpec,
    merge,
    overlap,
    use_up,
)
from reclamo.domain.calendar.zones import (
    fixed_offset_us,
    get_zone,
    require_aware,
    us_to_zone,
    wall_to_us,
)
from reclamo.domain.errors import DomainError

# A schedule with no open time in this many consecutive weeks is treated as never open, instead
# of searching until the end of the range.
_MAX_EMPTY_WEEKS = 520

# One local day of a schedule: (first instant of the day, first instant of the next day,
# open intervals [opens, closes) in order, total open time). All in microseconds since the epoch.
_Day = tuple[int, int, tuple[Interval, ...], int]


def _instant(value: datetime, field: str) -> int:
    """Microseconds since the epoch of ``value``: aware (T-6) and within the product's range."""
    return require_in_range(require_aware(value, field=field), field=field)


class WorkingSchedule:
    """Weekly wall-clock windows in a time zone, minus closed dates (and public holidays).

    ``holidays`` given: public holidays are closed days (PC-4 reading). ``None``: public holidays
    are ordinary days (PN-6 reading). ``closed_dates`` are local dates.
    """

    __slots__ = (
        "_days",
        "_guess_us",
        "_has_windows",
        "_template",
        "_weeks",
        "closed_dates",
        "holidays",
        "time_zone",
        "windows",
        "zone",
    )

    def __init__(
        self,
        windows: Iterable[WindowSpec],
        *,
        time_zone: str,
        closed_dates: Iterable[date] = (),
        holidays: HolidayCalendar | None = None,
    ) -> None:
        self.time_zone = time_zone
        self.zone = get_zone(time_zone)
        normalised = [w if isinstance(w, WeeklyWindow) else WeeklyWindow(*w) for w in windows]
        self.windows: tuple[WeeklyWindow, ...] = tuple(
            sorted(normalised, key=lambda w: (w.weekday, w.opens_us, w.closes_us))
        )
        self._template: tuple[tuple[Interval, ...], ...] = tuple(
            merge((w.opens_us, w.closes_us) for w in self.windows if w.weekday == weekday)
            for weekday in range(7)
        )
        self._has_windows = any(self._template)
        self.closed_dates: frozenset[date] = frozenset(closed_dates)
        self.holidays = holidays
        # Bounded (limits.SCHEDULE_DAYS, SCHEDULE_WEEKS): a stranger's distinct instants cannot
        # grow them without end.
        self._days: dict[int, _Day] = {}
        self._weeks: dict[int, int] = {}
        # Any fixed offset of the zone works as a first guess of an instant's local day;
        # _day_of corrects it by at most a day or two.
        self._guess_us = fixed_offset_us(self.zone)

    def __repr__(self) -> str:
        return (
            f"WorkingSchedule({len(self.windows)} windows, time_zone={self.time_zone!r}, "
            f"{len(self.closed_dates)} closed dates, holidays={self.holidays!r})"
        )

    @property
    def weekly_open_time(self) -> timedelta:
        """Nominal open time of a week without closed days or DST changes."""
        return timedelta(
            microseconds=sum(c - o for day in self._template for o, c in day),
        )

    # Day records ---------------------------------------------------------------------------------

    def _build_day(self, index: int) -> _Day:
        if not FIRST_DAY <= index <= LAST_DAY:
            reached = date.fromordinal(index + EPOCH_ORDINAL).isoformat()
            raise beyond_range(f"Counting working time reaches {reached}, which")
        day = date.fromordinal(index + EPOCH_ORDINAL)
        zone = self.zone
        midnight = datetime(day.year, day.month, day.day)  # noqa: DTZ001 - local wall clock
        start = wall_to_us(zone, midnight)
        end = wall_to_us(zone, midnight + timedelta(days=1))
        intervals: tuple[Interval, ...] = ()
        closed = day in self.closed_dates or (
            self.holidays is not None and self.holidays.is_holiday(day)
        )
        if not closed:  # T-5: closed days count no working time
            intervals = merge(
                (
                    wall_to_us(zone, midnight + timedelta(microseconds=opens)),
                    end
                    if closes == DAY_US
                    else wall_to_us(zone, midnight + timedelta(microseconds=closes)),
                )
                for opens, closes in self._template[day.weekday()]
            )
        record: _Day = (start, end, intervals, sum(c - o for o, c in intervals))
        if len(self._days) >= SCHEDULE_DAYS:
            evict_oldest_half(self._days)
        self._days[index] = record
        return record

    def _day(self, index: int) -> _Day:
        record = self._days.get(index)
        return record if record is not None else self._build_day(index)

    def _day_of(self, us: int) -> tuple[int, _Day]:
        """Index (days since 1970-01-01) and record of the local day containing instant ``us``."""
        index = (us + self._guess_us) // DAY_US
        record = self._days.get(index) or self._build_day(index)
        while us < record[0]:
            index -= 1
            record = self._day(index)
        while us >= record[1]:
            index += 1
            record = self._day(index)
        return index, record

    def _week_total(self, monday: int) -> int:
        total = sum(self._day(monday + offset)[3] for offset in range(7))
        if len(self._weeks) >= SCHEDULE_WEEKS:
            evict_oldest_half(self._weeks)
        self._weeks[monday] = total
        return total

    def _no_working_time(self) -> DomainError:
        return DomainError(
            "The working schedule has no working time.", field="windows", code="no_working_time"
        )

    def _answer(self, us: int, field: str, value: datetime) -> datetime:
        if us > LATEST_US:
            raise out_of_range(field, value, result="working-time deadline")
        return us_to_zone(us, self.zone)

    # Queries -------------------------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        us = _instant(at, "at")
        return any(opens <= us < closes for opens, closes in self._day_of(us)[1][2])

    def current_window_end(self, at: datetime) -> datetime | None:
        """End of the window ``at`` lies in (windows of one day merged), or ``None`` if closed."""
        us = _instant(at, "at")
        for opens, closes in self._day_of(us)[1][2]:
            if opens <= us < closes:
                return self._answer(closes, "at", at)
        return None

    def next_opening(self, at: datetime) -> datetime:
        """``at`` (in the schedule's zone) if open now, else the start of the next window (T-5)."""
        us = _instant(at, "at")
        if not self._has_windows:
            raise self._no_working_time()
        index, record = self._day_of(us)
        for opens, closes in record[2]:
            if closes > us:
                return self._answer(opens if opens > us else us, "at", at)
        for _ in range(_MAX_EMPTY_WEEKS * 7):
            index += 1
            intervals = self._day(index)[2]
            if intervals:
                return self._answer(intervals[0][0], "at", at)
        raise self._no_working_time()

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which ``duration`` of working time from ``start`` is used up (T-5).

        Counting starts at ``start`` if open, else at the next opening; the result is the exact
        end of a window when the duration uses it up exactly.
        """
        us = _instant(start, "start")
        remaining = duration // US
        if remaining < 0:
            raise DomainError(
                "A working-time duration cannot be negative.",
                field="duration",
                code="negative_duration",
            )
        if remaining == 0:
            return us_to_zone(us, self.zone)
        if not self._has_windows:
            raise self._no_working_time()

        index, record = self._day_of(us)
        for opens, closes in record[2]:  # the rest of the start's day
            if closes > us:
                if opens > us:
                    us = opens
                available = closes - us
                if remaining <= available:
                    return self._answer(us + remaining, "start", start)
                remaining -= available
        index += 1

        days = self._days
        weeks = self._weeks
        empty_weeks = 0
        while True:
            if (index + 3) % 7 == 0:  # a Monday (1970-01-01 was a Thursday): skip whole weeks
                while True:
                    week = weeks.get(index)
                    if week is None:
                        week = self._week_total(index)
                    if remaining <= week:
                        break
                    if week == 0:
                        empty_weeks += 1
                        if empty_weeks > _MAX_EMPTY_WEEKS:
                            raise self._no_working_time()
                    remaining -= week
                    index += 7
            record = days.get(index) or self._build_day(index)
            if remaining > record[3]:
                remaining -= record[3]
                index += 1
                continue
            return self._answer(use_up(record[2], remaining), "start", start)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in ``[start, end)``; negative if ``end`` is before ``start``."""
        first, last = _instant(start, "start"), _instant(end, "end")
        if last < first:
            return -timedelta(microseconds=self._between(last, first))
        return timedelta(microseconds=self._between(first, last))

    def _between(self, first: int, last: int) -> int:
        index, record = self._day_of(first)
        last_index, last_record = self._day_of(last)
        if index == last_index:
            return overlap(record[2], first, last)
        total = overlap(record[2], first, record[1])
        index += 1
        while index < last_index:
            if (index + 3) % 7 == 0 and index + 7 <= last_index:
                week = self._weeks.get(index)
                total += week if week is not None else self._week_total(index)
                index += 7
            else:
                total += self._day(index)[3]
                index += 1
        return total + overlap(last_record[2], last_record[0], last)


@functools.lru_cache(maxsize=64)
def working_schedule(
    windows: tuple[WindowSpec, ...],
    *,
    time_zone: str,
    closed_dates: frozenset[date] = frozenset(),
    holidays: HolidayCalendar | None = None,
) -> WorkingSchedule:
    """A shared :class:`WorkingSchedule`, so its per-day cache survives between calls."""
    return WorkingSchedule(
        windows, time_zone=time_zone, closed_dates=closed_dates, holidays=holidays
    )
