"""Public holidays and working days (T-2), with an O(1) "next working day on or after" table."""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays as holidays_package

from reclamo.domain.calendar.limits import EPOCH_ORDINAL, FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR
from reclamo.domain.calendar.limits import out_of_range as _out_of_range
from reclamo.domain.errors import DomainError, OutOfRange

# Offsets to the next working day are kept per block of 256 local days, as bytes.
_BLOCK_BITS = 8
_BLOCK = 1 << _BLOCK_BITS
# No run of non-working days is this long, so a block's table needs this many days beyond it.
_LOOKAHEAD = 40
_UNKNOWN = 255
# Days from each weekday (Monday first) to the next Monday-to-Friday day.
_WEEKEND_OFFSETS = (0, 0, 0, 0, 0, 2, 1)


class HolidayCalendar:
    """Public holidays of a country (and optionally a subdivision) from the ``holidays`` package.

    Holidays are computed once per year and kept as a dict, so lookups are set lookups (T-2).
    Years outside the product's range, or before the package knows the country (Slovakia from
    1993, Romania from 1997), are refused with :class:`OutOfRange` rather than answered as if
    they had no holidays.
    """

    __slots__ = (
        "_first_year",
        "_last_year",
        "_offsets",
        "_years",
        "country",
        "language",
        "subdivision",
    )

    def __init__(
        self, country: str, subdivision: str | None = None, *, language: str | None = None
    ) -> None:
        self.country = country.upper()
        self.subdivision = subdivision
        self.language = language
        self._years: dict[int, dict[date, str]] = {}
        self._offsets: dict[int, bytes] = {}
        try:  # fail at construction, not on the first lookup, for an unknown country
            known = holidays_package.country_holidays(self.country, subdiv=subdivision, years=())
        except NotImplementedError as exc:
            raise DomainError(
                f"No public holidays known for country {country!r}"
                + (f", subdivision {subdivision!r}." if subdivision else "."),
                field="country",
                code="unknown_country",
            ) from exc
        self._first_year = max(FIRST_YEAR, known.start_year)
        self._last_year = min(LAST_YEAR, known.end_year)

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.country!r}, {self.subdivision!r})"

    def _year(self, year: int) -> dict[date, str]:
        found = self._years.get(year)
        if found is None:
            if not self._first_year <= year <= self._last_year:
                raise OutOfRange(
                    f"Public holidays of {self.country} are known for {self._first_year}–"
                    f"{self._last_year} only, not for {year}.",
                    field="country",
                )
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

    def holiday_name(self, d: date) -> str | None:
        return self._year(d.year).get(d)

    def next_working_day_on_or_after(self, d: date) -> date:
        index = d.toordinal() - EPOCH_ORDINAL
        if not FIRST_DAY <= index <= LAST_DAY:
            raise _out_of_range("date", d)
        return d + timedelta(days=self.working_day_offset(index))

    def working_day_offset(self, index: int) -> int:
        """Days from local day ``index`` (days since 1970-01-01) to the next working day on or
        after it (T-2), from a table built once per block of days: O(1)."""
        position = index - FIRST_DAY
        offsets = self._offsets.get(position >> _BLOCK_BITS)
        if offsets is None:
            if not FIRST_DAY <= index <= LAST_DAY:
                raise _out_of_range("date", date.fromordinal(index + EPOCH_ORDINAL))
            offsets = self._build_offsets(position >> _BLOCK_BITS)
        offset = offsets[position & (_BLOCK - 1)]
        if offset == _UNKNOWN:
            day = date.fromordinal(index + EPOCH_ORDINAL)
            self._year(day.year)  # the day's own year unknown: say which years are known
            raise _out_of_range("date", day, result="next working day")
        return offset

    def _build_offsets(self, block: int) -> bytes:
        first = FIRST_DAY + (block << _BLOCK_BITS)
        working: list[bool | None] = []
        for index in range(first, first + _BLOCK + _LOOKAHEAD):
            if index > LAST_DAY:
                working.append(None)
                continue
            day = date.fromordinal(index + EPOCH_ORDINAL)
            try:
                working.append(self.is_working_day(day))
            except OutOfRange:
                working.append(None)
        offsets = bytearray(len(working))
        following = _UNKNOWN
        for position in range(len(working) - 1, -1, -1):
            flag = working[position]
            if flag is None:
                following = _UNKNOWN
            elif flag:
                following = 0
            elif following != _UNKNOWN:
                following += 1
            offsets[position] = following
        table = bytes(offsets[:_BLOCK])
        self._offsets[block] = table
        return table


def working_day_offset(holidays: HolidayCalendar | None, index: int) -> int:
    """T-2: days from local day ``index`` to the next working day on or after it; without a
    holiday calendar only Saturdays and Sundays are skipped."""
    if holidays is None:
        return _WEEKEND_OFFSETS[(index + 3) % 7]  # 1970-01-01 was a Thursday
    return holidays.working_day_offset(index)


@functools.lru_cache(maxsize=64)
def holiday_calendar(country: str, subdivision: str | None = None) -> HolidayCalendar:
    """The shared :class:`HolidayCalendar` of a country, so its per-year cache is reused."""
    return HolidayCalendar(country, subdivision)
