"""Periods in days, months and hours (T-1…T-4), answered from precomputed tables.

A period in days or months is "local day of the event + n, rolled to a working day (T-2), ending
at 23:59:59 local (T-1)". Both steps are table lookups: the roll is a per-block byte table of the
holiday calendar (``HolidayCalendar.working_day_offset``), and each zone keeps the aware
23:59:59 instant of every local day it has been asked for, in blocks of 256 days. The range
bounds the tables (``limits.py``); the instants are immutable, so every caller shares them.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from reclamo.domain.calendar.holidays import HolidayCalendar, working_day_offset
from reclamo.domain.calendar.limits import (
    EARLIEST,
    EPOCH_ORDINAL,
    FIRST_DAY,
    LAST_DAY,
    LAST_YEAR,
    LATEST,
    beyond_range,
    evict_oldest_half,
    out_of_range,
    require_in_range,
)
from reclamo.domain.calendar.zones import get_zone, require_aware, wall_to_zone
from reclamo.domain.errors import DomainError, OutOfRange

_END_OF_DAY = time(23, 59, 59)  # T-1
_BLOCK_BITS = 8
_BLOCK_MASK = (1 << _BLOCK_BITS) - 1
# tzinfo classes whose utcoffset() is never None: an aware datetime needs no further check.
_ALWAYS_AWARE = frozenset({ZoneInfo, timezone})
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# No period in hours can end in range if it is longer than the range itself.
_MAX_HOURS = (LATEST - EARLIEST) / timedelta(hours=1)
_MAX_ZONES = 16
_MAX_CALENDARS = 8
# Local days whose instants are certainly in range, whatever the zone's offset (under a day).
_SAFE_FIRST = FIRST_DAY + 1
_SAFE_LAST = LAST_DAY - 1
_LAST_POSITION = LAST_DAY - FIRST_DAY

_Block = list[datetime | None]
_Blocks = dict[int, _Block]


class _DayEnds:
    """The end (23:59:59 local, T-1) of each local day in one zone; ``None`` out of range.

    ``blocks`` holds the days' own ends; ``rolled[calendar]`` the end of the working day each
    day rolls to (T-2) with that holiday calendar (``None``: weekends only). Both are blocks of
    256 days, so a period's end is one lookup.
    """

    __slots__ = ("blocks", "rolled", "zone")

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.blocks: _Blocks = {}
        self.rolled: dict[HolidayCalendar | None, _Blocks] = {}

    def rolled_by(self, holidays: HolidayCalendar | None) -> _Blocks:
        if len(self.rolled) >= _MAX_CALENDARS:
            evict_oldest_half(self.rolled)
        blocks: _Blocks = {}
        self.rolled[holidays] = blocks
        return blocks

    def build(self, blocks: _Blocks, block: int, holidays: HolidayCalendar | None) -> _Block:
        ends: _Block = []
        first = FIRST_DAY + (block << _BLOCK_BITS)
        for index in range(first, first + _BLOCK_MASK + 1):
            end = None
            if FIRST_DAY <= index <= LAST_DAY:
                if blocks is self.blocks:
                    day = date.fromordinal(index + EPOCH_ORDINAL)
                    end = wall_to_zone(self.zone, datetime.combine(day, _END_OF_DAY))
                    if not EARLIEST <= end <= LATEST:
                        end = None
                else:  # rolled: share the instants of the unrolled table
                    with suppress(OutOfRange):  # a holiday year not known: end stays None
                        end = self.end_of_day(index + working_day_offset(holidays, index))
            ends.append(end)
        # No eviction: the range bounds a table to 187 blocks (~2.4 MB for a zone's own ends,
        # ~0.4 MB for a calendar's rolled ends, which point at the same instants).
        blocks[block] = ends
        return ends

    def end_of_day(self, index: int) -> datetime | None:
        """23:59:59 local of local day ``index``, if in range (T-1)."""
        if not FIRST_DAY <= index <= LAST_DAY:
            return None
        position = index - FIRST_DAY
        block = self.blocks.get(position >> _BLOCK_BITS) or self.build(
            self.blocks, position >> _BLOCK_BITS, None
        )
        return block[position & _BLOCK_MASK]


_DAY_ENDS: dict[str, _DayEnds] = {}


def _day_ends(time_zone: str) -> _DayEnds:
    ends = _DayEnds(get_zone(time_zone))
    if len(_DAY_ENDS) >= _MAX_ZONES:
        evict_oldest_half(_DAY_ENDS)
    _DAY_ENDS[time_zone] = ends
    return ends


def _check_period(value: float, field: str) -> None:
    if value != value:  # only NaN differs from itself
        raise DomainError(f"{field} must be a number.", field=field, code="invalid_period")
    if value < 0:
        raise DomainError(f"{field} cannot be negative.", field=field, code="negative_period")


def _whole_period(value: float, field: str) -> int:
    """``value`` as a whole number of days or months, refused if negative, NaN or endless."""
    _check_period(value, field)
    if value > _LAST_POSITION * 31:  # longer than the range in any unit: also infinity
        raise beyond_range(f"The end of a period of {value} {field}", field=field)
    return int(value)


def _local_day(event_at: datetime, zone: ZoneInfo) -> int:
    """The local day (days since 1970-01-01) of ``event_at`` in ``zone``; refused out of range.

    The caller has checked that ``event_at`` is aware.
    """
    try:
        index = event_at.astimezone(zone).toordinal() - EPOCH_ORDINAL
    except OverflowError:  # year 1 or 9999 shifted past the calendar by the offset
        raise out_of_range("event_at", event_at) from None
    if not _SAFE_FIRST < index < _SAFE_LAST:  # near or past an end of the range: check exactly
        require_in_range(event_at, field="event_at")
    return index


def _end_of_last_day(
    ends: _DayEnds,
    index: int,
    roll_to_working_day: bool,
    holidays: HolidayCalendar | None,
) -> datetime | None:
    """23:59:59 local of local day ``index`` (T-1), rolled to a working day first (T-2)."""
    if not roll_to_working_day:
        blocks = ends.blocks
    else:
        blocks = ends.rolled.get(holidays) or ends.rolled_by(holidays)
    position = index - FIRST_DAY
    if position > _LAST_POSITION:
        return None
    block = blocks.get(position >> _BLOCK_BITS) or ends.build(
        blocks, position >> _BLOCK_BITS, holidays
    )
    return block[position & _BLOCK_MASK]


def _refuse_period(
    event_at: datetime, index: int, holidays: HolidayCalendar | None, roll: bool, period: str
) -> OutOfRange:
    if roll and FIRST_DAY <= index <= LAST_DAY:
        working_day_offset(holidays, index)  # raises naming the years whose holidays are known
    return out_of_range("event_at", event_at, result=f"end of a period of {period}")


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
    if event_at.__class__ is not datetime or event_at.tzinfo.__class__ not in _ALWAYS_AWARE:
        require_aware(event_at, field="event_at")
    if days.__class__ is not int or days < 0:
        days = _whole_period(days, "days")
    ends = _DAY_ENDS.get(time_zone) or _day_ends(time_zone)
    # The lines below inline _local_day and _end_of_last_day: this is the hot path of every preview.
    zone = ends.zone
    try:  # an instant's wall date in its own zone is its local date: no conversion needed
        local = event_at if event_at.tzinfo is zone else event_at.astimezone(zone)
    except OverflowError:  # year 1 or 9999 shifted past the calendar by the offset
        raise out_of_range("event_at", event_at) from None
    index = local.toordinal() - EPOCH_ORDINAL
    if not _SAFE_FIRST < index < _SAFE_LAST:
        require_in_range(event_at, field="event_at")
    # T-1: the event's local day is not counted.
    position = index + days - FIRST_DAY
    if roll_to_working_day:  # T-2
        blocks = ends.rolled.get(holidays) or ends.rolled_by(holidays)
    else:
        blocks = ends.blocks
    end = None
    if position <= _LAST_POSITION:
        block = blocks.get(position >> _BLOCK_BITS) or ends.build(
            blocks, position >> _BLOCK_BITS, holidays
        )
        end = block[position & _BLOCK_MASK]
    if end is None:
        raise _refuse_period(event_at, index + days, holidays, roll_to_working_day, f"{days} days")
    return end


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def months_later(day: date, months: int) -> date:
    """The same day number ``months`` months after ``day``, or that month's last day when it
    has no such day (T-3: 2026-11-30 + 3 → 2027-02-28; a warranty or an instalment counts its
    months the same way)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


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
    if months.__class__ is not int or months < 0:
        months = _whole_period(months, "months")
    ends = _DAY_ENDS.get(time_zone) or _day_ends(time_zone)
    index = _local_day(event_at, ends.zone)
    local_day = date.fromordinal(index + EPOCH_ORDINAL)
    period = f"{months} months"
    try:
        last_day = months_later(local_day, months)  # T-3
    except (ValueError, OverflowError):  # a year past 9999, which no date holds
        last_day = None
    if last_day is None or last_day.year > LAST_YEAR:
        raise out_of_range("event_at", event_at, result=f"end of a period of {period}")
    index = last_day.toordinal() - EPOCH_ORDINAL
    end = _end_of_last_day(ends, index, roll_to_working_day, holidays)
    if end is None:
        raise _refuse_period(event_at, index, holidays, roll_to_working_day, period)
    return end


def hours_after(event_at: datetime, hours: int | float) -> datetime:
    """``event_at`` plus exactly ``hours`` elapsed hours, in ``event_at``'s zone (T-4).

    The arithmetic is done in UTC: adding to a zoned datetime directly would add wall-clock
    hours and be an hour off across a DST change.
    """
    require_aware(event_at, field="event_at")
    _check_period(hours, "hours")
    require_in_range(event_at, field="event_at")
    start = event_at.astimezone(UTC)  # in range, so no overflow
    if hours > _MAX_HOURS or start + timedelta(hours=hours) > LATEST:
        raise out_of_range("event_at", event_at, result=f"end of a period of {hours} hours")
    return (start + timedelta(hours=hours)).astimezone(event_at.tzinfo)


def first_of_next_month(day: date) -> date:
    """The first day of the month after ``day``'s (a calendar month, e.g. a billing period or a
    report's month)."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
