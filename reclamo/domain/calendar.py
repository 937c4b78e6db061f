"""Time arithmetic of the complaint procedures: holidays, working hours and periods (T-1…T-6).

Pure Python (no Django). Every function that takes an instant refuses a naive ``datetime``
(T-6) and every instant it returns is aware, expressed in the policy's time zone (``zoneinfo``).

Readings adopted here (see ``shared/spec/procedures.md``):

* **Periods in days** (T-1) count calendar days on the *local* date of the event in the policy's
  zone; the event's own day is not counted and the period ends at 23:59:59 local time of its last
  day. **Roll-forward** (T-2) moves a last day that is a Saturday, Sunday or a public holiday of
  the given :class:`HolidayCalendar` to the next working day.
* **Periods in months** (T-3) end on the same day number of the later month, clipped to that
  month's last day (2026-11-30 + 3 months → 2027-02-28), then T-2 applies.
* **Periods in hours** (T-4) are exact elapsed time: the arithmetic is done in UTC, so 24 hours
  across a DST change show a different wall-clock hour.
* **Working hours** (T-5) count only real elapsed time inside weekly wall-clock windows, skipping
  closed dates and, when the schedule is given a :class:`HolidayCalendar`, public holidays (PC-4
  reading). Without one, public holidays are ordinary days (PN-6 reading). A clock started outside
  a window starts at the next window's opening; adding a zero duration returns the start itself.
  A result that exhausts a window exactly is that window's end (PN-6: 20:30 + 2 h → 10:30 the
  next day, not 21:00 + 0).

Wall-clock windows and DST:

* A window is local wall-clock time ``[opens, closes)`` on its weekday. **24:00** (end of day) is
  written ``closes=None``; ``closes=time(0, 0)`` is accepted as an alias and normalised to
  ``None`` (a window cannot close before it opens, so 00:00 as a closing time can only mean
  24:00). A non-stop schedule is seven windows ``00:00–24:00``. Windows crossing midnight must be
  split in two; overlapping or touching windows of one day are merged.
* A wall-clock time is mapped to **the first instant at which the local clock shows that time or
  later**. So a window opening (or closing) in a spring-forward gap opens (closes) at the end of
  the gap, i.e. the transition instant; a time in a fall-back fold maps to its first occurrence.
  A window therefore lasts the real time between those two instants: 09:00–21:00 is 12 h on any
  day in Europe, 00:00–24:00 is 23 h or 25 h on the change days.

Comparing results: a returned instant in a fall-back hour (e.g. 03:30 on 2026-10-25 in
Bucharest) is ambiguous as a wall time, and Python's ``==`` between datetimes of *different*
zones is always False for it (PEP 495); ``<``/``>`` are fine. Compare such instants in UTC
(``a.astimezone(UTC) == b.astimezone(UTC)``), and never do ``+ timedelta`` on a zoned result
(that is wall-clock arithmetic): use these functions or convert to UTC first.

Speed: per-weekday windows are precomputed; each local day is resolved once to UTC instants
(integer microseconds since the epoch) and cached on the schedule, as is the open time of each
whole week, so :meth:`WorkingSchedule.add` jumps window to window and skips whole weeks. Build a
schedule once per policy version and reuse it (:func:`working_schedule` caches them).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_package

from reclamo.domain.errors import DomainError

__all__ = [
    "HolidayCalendar",
    "WeeklyWindow",
    "WindowSpec",
    "WorkingSchedule",
    "days_after",
    "get_zone",
    "holiday_calendar",
    "hours_after",
    "months_after",
    "require_aware",
    "working_schedule",
]

_UTC = UTC
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)  # noqa: DTZ001 - wall-clock arithmetic only, never an instant
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_US = timedelta(microseconds=1)
_DAY_US = 86_400_000_000
# Below this many microseconds from the epoch (year 2106), ``us / 1e6`` is within half a
# microsecond of the exact value, so ``datetime.fromtimestamp`` rounds back to the exact
# microsecond; it is ~4x faster than building the datetime through a timedelta.
_FLOAT_EXACT_US = 2**32 * 1_000_000
_END_OF_DAY = time(23, 59, 59)  # T-1
# A schedule with no open time in this many consecutive weeks is treated as never open, instead
# of searching until the year 9999.
_MAX_EMPTY_WEEKS = 520

# One local day of a schedule: (first instant of the day, first instant of the next day,
# open intervals [opens, closes) in order, total open time). All in microseconds since the epoch.
_Interval = tuple[int, int]
_Day = tuple[int, int, tuple[_Interval, ...], int]


# --- errors and time zones -----------------------------------------------------------------------


def _naive_error(field: str) -> DomainError:
    return DomainError(
        f"{field} has no UTC offset; give an aware datetime (e.g. 2026-11-20T15:00:00+01:00).",
        field=field,
        code="naive_datetime",
    )


def require_aware(value: datetime, *, field: str) -> datetime:
    """Return ``value`` unchanged if it carries a UTC offset; refuse it otherwise (T-6)."""
    if not isinstance(value, datetime):
        raise DomainError(f"{field} must be a date and time.", field=field, code="not_a_datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise _naive_error(field)
    return value


@functools.lru_cache(maxsize=64)
def get_zone(name: str) -> ZoneInfo:
    """The ``ZoneInfo`` for an IANA name, built once per process."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DomainError(
            f"Unknown time zone {name!r}.", field="time_zone", code="unknown_time_zone"
        ) from exc


def _to_us(value: datetime) -> int:
    """Exact microseconds since the epoch of an aware datetime."""
    return (value - _EPOCH) // _US


def _us_to_zone(us: int, zone: ZoneInfo) -> datetime:
    if -_FLOAT_EXACT_US < us < _FLOAT_EXACT_US:
        return datetime.fromtimestamp(us / 1_000_000, zone)
    return (_EPOCH + timedelta(microseconds=us)).astimezone(zone)


def _offset(zone: ZoneInfo, wall: datetime) -> timedelta:
    offset = zone.utcoffset(wall)
    if offset is None:  # pragma: no cover - ZoneInfo always answers
        raise DomainError("Time zone gave no UTC offset.", code="unknown_time_zone")
    return offset


def _wall_to_us(zone: ZoneInfo, wall: datetime) -> int:
    """The first instant at which the local clock shows ``wall`` or a later time.

    ``wall`` is naive local time. In a fall-back fold that is the first occurrence; in a
    spring-forward gap it is the end of the gap (the transition instant).
    """
    before = _offset(zone, wall)
    after = _offset(zone, wall.replace(fold=1))
    first = (wall - before - _EPOCH_NAIVE) // _US
    if before == after:
        return first
    second = (wall - after - _EPOCH_NAIVE) // _US
    lo, hi = min(first, second), max(first, second)
    if _us_to_wall(zone, lo) == wall:  # ambiguous: both instants show `wall`, take the first
        return lo
    # Nonexistent: the clock jumps from before `wall` (at lo) to after it (at hi); find the jump.
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _us_to_wall(zone, mid) >= wall:
            hi = mid
        else:
            lo = mid
    return hi


def _us_to_wall(zone: ZoneInfo, us: int) -> datetime:
    return (_EPOCH + timedelta(microseconds=us)).astimezone(zone).replace(tzinfo=None)


def _wall_to_zone(zone: ZoneInfo, wall: datetime) -> datetime:
    """Aware datetime for naive local ``wall``, resolved like :func:`_wall_to_us`."""
    if _offset(zone, wall) == _offset(zone, wall.replace(fold=1)):
        return wall.replace(tzinfo=zone)
    return _us_to_zone(_wall_to_us(zone, wall), zone)


# --- public holidays ---------------------------------------------------------------------------


class HolidayCalendar:
    """Public holidays of a country (and optionally a subdivision) from the ``holidays`` package.

    Holidays are computed once per year and kept as a dict, so lookups are set lookups (T-2).
    """

    __slots__ = ("_years", "country", "language", "subdivision")

    def __init__(
        self, country: str, subdivision: str | None = None, *, language: str | None = None
    ) -> None:
        self.country = country.upper()
        self.subdivision = subdivision
        self.language = language
        self._years: dict[int, dict[date, str]] = {}
        try:  # fail at construction, not on the first lookup, for an unknown country
            holidays_package.country_holidays(self.country, subdiv=subdivision, years=())
        except NotImplementedError as exc:
            raise DomainError(
                f"No public holidays known for country {country!r}"
                + (f", subdivision {subdivision!r}." if subdivision else "."),
                field="country",
                code="unknown_country",
            ) from exc

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.country!r}, {self.subdivision!r})"

    def _year(self, year: int) -> dict[date, str]:
        found = self._years.get(year)
        if found is None:
            generated = holidays_package.country_holidays(
                self.country, subdiv=self.subdivision, years=year, language=self.language
            )
            found = {day: str(name) for day, name in generated.items() if day.year == year}
            self._years[year] = found
        return found

    def is_holiday(self, d: date) -> bool:
        return d in self._year(d.year)

    def is_working_day(self, d: date) -> bool:
        """Monday to Friday and not a public holiday (T-2)."""
        return d.weekday() < 5 and d not in self._year(d.year)

    def next_working_day_on_or_after(self, d: date) -> date:
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def holiday_name(self, d: date) -> str | None:
        return self._year(d.year).get(d)


@functools.lru_cache(maxsize=64)
def holiday_calendar(country: str, subdivision: str | None = None) -> HolidayCalendar:
    """The shared :class:`HolidayCalendar` of a country, so its per-year cache is reused."""
    return HolidayCalendar(country, subdivision)


def _roll_forward(d: date, holidays: HolidayCalendar | None) -> date:
    # T-2: a last day on Saturday, Sunday or a public holiday moves to the next working day.
    if holidays is not None:
        return holidays.next_working_day_on_or_after(d)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


# --- weekly windows ------------------------------------------------------------------------------


def _time_us(value: time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


@dataclass(frozen=True, slots=True)
class WeeklyWindow:
    """Open local wall-clock time ``[opens, closes)`` every ``weekday`` (0 = Monday … 6 = Sunday).

    ``closes=None`` means 24:00 (end of the day); ``time(0, 0)`` is normalised to ``None``.
    """

    weekday: int
    opens: time
    closes: time | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise DomainError(
                f"Weekday must be 0 (Monday) to 6 (Sunday), not {self.weekday}.",
                field="weekday",
                code="invalid_window",
            )
        if self.opens.tzinfo is not None or (
            self.closes is not None and self.closes.tzinfo is not None
        ):
            raise DomainError(
                "Window times are local wall-clock times without a time zone.",
                field="opens",
                code="invalid_window",
            )
        if self.closes == time(0, 0):
            object.__setattr__(self, "closes", None)
        if self.closes is not None and self.closes <= self.opens:
            raise DomainError(
                f"A window must close after it opens ({self.opens}–{self.closes}); "
                "split windows that cross midnight.",
                field="closes",
                code="invalid_window",
            )

    @classmethod
    def from_text(cls, weekday: int, opens: str, closes: str) -> WeeklyWindow:
        """Build from ``"HH:MM"`` texts; ``closes`` may be ``"24:00"``."""
        try:
            closing = (
                None if closes.strip() in {"24:00", "24:00:00"} else time.fromisoformat(closes)
            )
            return cls(weekday, time.fromisoformat(opens), closing)
        except ValueError as exc:
            raise DomainError(
                f"Cannot read window {opens!r}–{closes!r}; use HH:MM.",
                field="opens",
                code="invalid_window",
            ) from exc

    @property
    def opens_us(self) -> int:
        return _time_us(self.opens)

    @property
    def closes_us(self) -> int:
        return _DAY_US if self.closes is None else _time_us(self.closes)


WindowSpec = WeeklyWindow | tuple[int, time, time | None]


def _merge(intervals: Iterable[_Interval]) -> tuple[_Interval, ...]:
    merged: list[_Interval] = []
    for opens, closes in sorted(intervals):
        if opens >= closes:
            continue
        if merged and merged[-1][1] >= opens:
            if closes > merged[-1][1]:
                merged[-1] = (merged[-1][0], closes)
        else:
            merged.append((opens, closes))
    return tuple(merged)


def _overlap(intervals: tuple[_Interval, ...], start: int, end: int) -> int:
    total = 0
    for opens, closes in intervals:
        lo = opens if opens > start else start
        hi = closes if closes < end else end
        if hi > lo:
            total += hi - lo
    return total


def _locate(intervals: tuple[_Interval, ...], remaining: int) -> int:
    """The instant at which ``remaining`` (> 0, <= the day's total) open time is used up."""
    for opens, closes in intervals:
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise AssertionError("remaining open time exceeds the day's total")  # pragma: no cover


# --- working schedule ----------------------------------------------------------------------------


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
        self._template: tuple[tuple[_Interval, ...], ...] = tuple(
            _merge((w.opens_us, w.closes_us) for w in self.windows if w.weekday == weekday)
            for weekday in range(7)
        )
        self._has_windows = any(self._template)
        self.closed_dates: frozenset[date] = frozenset(closed_dates)
        self.holidays = holidays
        self._days: dict[int, _Day] = {}
        self._weeks: dict[int, int] = {}
        # Any fixed offset of the zone works as a first guess of an instant's local day;
        # _day_of corrects it by at most a day or two.
        self._guess_us = _offset(self.zone, datetime(2000, 1, 1)) // _US  # noqa: DTZ001

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
        ordinal = index + _EPOCH_ORDINAL
        if not 1 <= ordinal < date.max.toordinal():
            raise DomainError("Date out of range.", code="out_of_range")
        day = date.fromordinal(ordinal)
        zone = self.zone
        midnight = datetime(day.year, day.month, day.day)  # noqa: DTZ001 - local wall clock
        start = _wall_to_us(zone, midnight)
        end = _wall_to_us(zone, midnight + timedelta(days=1))
        intervals: tuple[_Interval, ...] = ()
        closed = day in self.closed_dates or (
            self.holidays is not None and self.holidays.is_holiday(day)
        )
        if not closed:  # T-5: closed days count no working time
            intervals = _merge(
                (
                    _wall_to_us(zone, midnight + timedelta(microseconds=opens)),
                    end
                    if closes == _DAY_US
                    else _wall_to_us(zone, midnight + timedelta(microseconds=closes)),
                )
                for opens, closes in self._template[day.weekday()]
            )
        record: _Day = (start, end, intervals, sum(c - o for o, c in intervals))
        self._days[index] = record
        return record

    def _day(self, index: int) -> _Day:
        record = self._days.get(index)
        return record if record is not None else self._build_day(index)

    def _day_of(self, us: int) -> tuple[int, _Day]:
        """Index (days since 1970-01-01) and record of the local day containing instant ``us``."""
        index = (us + self._guess_us) // _DAY_US
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
        self._weeks[monday] = total
        return total

    def _no_working_time(self) -> DomainError:
        return DomainError(
            "The working schedule has no working time.", field="windows", code="no_working_time"
        )

    # Queries -------------------------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        if at.tzinfo is None or at.utcoffset() is None:
            raise _naive_error("at")
        us = _to_us(at)
        return any(opens <= us < closes for opens, closes in self._day_of(us)[1][2])

    def current_window_end(self, at: datetime) -> datetime | None:
        """End of the window ``at`` lies in (windows of one day merged), or ``None`` if closed."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise _naive_error("at")
        us = _to_us(at)
        for opens, closes in self._day_of(us)[1][2]:
            if opens <= us < closes:
                return _us_to_zone(closes, self.zone)
        return None

    def next_opening(self, at: datetime) -> datetime:
        """``at`` (in the schedule's zone) if open now, else the start of the next window (T-5)."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise _naive_error("at")
        if not self._has_windows:
            raise self._no_working_time()
        us = _to_us(at)
        index, record = self._day_of(us)
        for opens, closes in record[2]:
            if closes > us:
                return _us_to_zone(opens if opens > us else us, self.zone)
        for _ in range(_MAX_EMPTY_WEEKS * 7):
            index += 1
            intervals = self._day(index)[2]
            if intervals:
                return _us_to_zone(intervals[0][0], self.zone)
        raise self._no_working_time()

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which ``duration`` of working time from ``start`` is used up (T-5).

        Counting starts at ``start`` if open, else at the next opening; the result is the exact
        end of a window when the duration uses it up exactly.
        """
        if start.tzinfo is None or start.utcoffset() is None:
            raise _naive_error("start")
        remaining = duration // _US
        if remaining < 0:
            raise DomainError(
                "A working-time duration cannot be negative.",
                field="duration",
                code="negative_duration",
            )
        us = _to_us(start)
        if remaining == 0:
            return _us_to_zone(us, self.zone)
        if not self._has_windows:
            raise self._no_working_time()

        index, record = self._day_of(us)
        for opens, closes in record[2]:  # the rest of the start's day
            if closes > us:
                if opens > us:
                    us = opens
                available = closes - us
                if remaining <= available:
                    return _us_to_zone(us + remaining, self.zone)
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
            return _us_to_zone(_locate(record[2], remaining), self.zone)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in ``[start, end)``; negative if ``end`` is before ``start``."""
        if start.tzinfo is None or start.utcoffset() is None:
            raise _naive_error("start")
        if end.tzinfo is None or end.utcoffset() is None:
            raise _naive_error("end")
        first, last = _to_us(start), _to_us(end)
        if last < first:
            return -timedelta(microseconds=self._between(last, first))
        return timedelta(microseconds=self._between(first, last))

    def _between(self, first: int, last: int) -> int:
        index, record = self._day_of(first)
        last_index, last_record = self._day_of(last)
        if index == last_index:
            return _overlap(record[2], first, last)
        total = _overlap(record[2], first, record[1])
        index += 1
        while index < last_index:
            if (index + 3) % 7 == 0 and index + 7 <= last_index:
                week = self._weeks.get(index)
                total += week if week is not None else self._week_total(index)
                index += 7
            else:
                total += self._day(index)[3]
                index += 1
        return total + _overlap(last_record[2], last_record[0], last)


@functools.lru_cache(maxsize=256)
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


# --- periods -------------------------------------------------------------------------------------


def _period_end(
    last_day: date, zone: ZoneInfo, roll_to_working_day: bool, holidays: HolidayCalendar | None
) -> datetime:
    if roll_to_working_day:
        last_day = _roll_forward(last_day, holidays)  # T-2
    # T-1: the period ends at 23:59:59 local time of its last day.
    return _wall_to_zone(zone, datetime.combine(last_day, _END_OF_DAY))


def _check_period(value: float, field: str) -> None:
    if value < 0:
        raise DomainError(f"{field} cannot be negative.", field=field, code="negative_period")


def days_after(
    event_at: datetime,
    days: int,
    *,
    time_zone: str,
    roll_to_working_day: bool,
    holidays: HolidayCalendar | None,
) -> datetime:
    """End of a period of ``days`` calendar days after ``event_at`` (T-1, T-2).

    Received 2026-11-20 → 30 days end 2026-12-20 23:59:59 local (a Sunday, so 2026-12-21 with
    roll-forward).
    """
    require_aware(event_at, field="event_at")
    _check_period(days, "days")
    zone = get_zone(time_zone)
    # T-1: the event's local day is not counted.
    last_day = event_at.astimezone(zone).date() + timedelta(days=days)
    return _period_end(last_day, zone, roll_to_working_day, holidays)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def months_after(
    event_at: datetime,
    months: int,
    *,
    time_zone: str,
    roll_to_working_day: bool,
    holidays: HolidayCalendar | None,
) -> datetime:
    """End of a period of ``months`` months after ``event_at`` (T-3, then T-2).

    The same day number of the later month, or its last day (2026-11-30 + 3 → 2027-02-28).
    """
    require_aware(event_at, field="event_at")
    _check_period(months, "months")
    zone = get_zone(time_zone)
    local_day = event_at.astimezone(zone).date()
    years, month_index = divmod(local_day.month - 1 + months, 12)
    year, month = local_day.year + years, month_index + 1
    last_day = date(year, month, min(local_day.day, _days_in_month(year, month)))  # T-3
    return _period_end(last_day, zone, roll_to_working_day, holidays)


def hours_after(event_at: datetime, hours: int | float) -> datetime:
    """``event_at`` plus exactly ``hours`` elapsed hours, in ``event_at``'s zone (T-4).

    The arithmetic is done in UTC: adding to a zoned datetime directly would add wall-clock
    hours and be an hour off across a DST change.
    """
    require_aware(event_at, field="event_at")
    _check_period(hours, "hours")
    return (event_at.astimezone(_UTC) + timedelta(hours=hours)).astimezone(event_at.tzinfo)
