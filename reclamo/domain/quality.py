"""The arithmetic of the quality indicators (ETSI EG 202 057-1 as ANCOM and others apply it;
``shared/spec/api.md`` "Quality reports"), and the reporting periods.

Readings adopted, once:

- **Percentile, nearest rank.** ``pX`` of ``n`` durations is the value at position
  ``⌈X/100 × n⌉`` (1-based) of the durations sorted ascending: "the time within which the
  fastest X % were done". The rank is computed in integers (``(X × n + 99) // 100``), never in
  floating point, so 20 % of 5 is rank 1 and not 2. No durations: no percentile (``None``).
- **Hours**: a duration in hours rounded half up to one decimal (4 h 15 min → 4.3 h), once, on
  the value taken; durations are never averaged.
- **Share**: ``part / whole`` as a string with two decimals, rounded half up (``"0.90"``);
  ``None`` when the whole is zero.
- **Rate**: ``count / base × per`` (fault reports per 100 lines, bill complaints per 1000
  bills), two decimals half up; ``None`` without a base.
- **Periods** are local dates, both ends inclusive; a quarter is Jan–Mar, Apr–Jun, Jul–Sep,
  Oct–Dec.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from reclamo.domain.calendar import first_of_next_month

__all__ = [
    "Period",
    "hours",
    "last_complete_month",
    "last_complete_quarters",
    "percentile",
    "percentile_rank",
    "quarter_of",
    "rate",
    "share",
]

_TENTH = Decimal("0.1")
_CENT = Decimal("0.01")
_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)


def percentile_rank(percent: int, count: int) -> int:
    """The 1-based nearest rank of the ``percent`` percentile among ``count`` values."""
    if not 0 < percent <= 100:
        raise ValueError(f"percent must be 1 to 100, not {percent}")
    if count < 1:
        raise ValueError("no values, no rank")
    return (percent * count + 99) // 100


def percentile(ascending: Sequence[timedelta], percent: int) -> timedelta | None:
    """The nearest-rank ``percent`` percentile of durations already sorted ascending."""
    if not ascending:
        return None
    return ascending[percentile_rank(percent, len(ascending)) - 1]


def hours(duration: timedelta | None) -> Decimal | None:
    """A duration in hours, rounded half up to one decimal; None stays None."""
    if duration is None:
        return None
    microseconds = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
    return (Decimal(microseconds) / _MICROSECONDS_PER_HOUR).quantize(_TENTH, ROUND_HALF_UP)


def share(part: int, whole: int) -> str | None:
    """``part / whole`` with two decimals, half up ("0.90"); None when ``whole`` is 0."""
    if whole <= 0:
        return None
    return str((Decimal(part) / Decimal(whole)).quantize(_CENT, ROUND_HALF_UP))


def rate(count: int, base: int | Decimal | None, per: int) -> str | None:
    """``count`` per ``per`` units of ``base`` with two decimals, half up; None without base."""
    if base is None or base <= 0:
        return None
    return str((Decimal(count) * per / Decimal(base)).quantize(_CENT, ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates, both inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a period cannot end ({self.last}) before it starts ({self.first})")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches."""
        months, month = [], self.first.replace(day=1)
        while month <= self.last:
            months.append(month)
            month = first_of_next_month(month)
        return months

    @property
    def label(self) -> str:
        """``2026-Q3`` for a calendar quarter, ``2026-07`` for a month, else the two dates."""
        if self.first.day == 1 and self.last == first_of_next_month(self.first) - timedelta(days=1):
            return f"{self.first:%Y-%m}"
        quarter = quarter_of(self.first)
        if quarter == self:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


def quarter_of(day: date) -> Period:
    start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    after = first_of_next_month(first_of_next_month(first_of_next_month(start)))
    return Period(start, after - timedelta(days=1))


def last_complete_quarters(today: date, count: int) -> list[Period]:
    """The ``count`` calendar quarters that ended before ``today``, newest first."""
    quarters, day = [], quarter_of(today).first - timedelta(days=1)
    for _ in range(count):
        quarter = quarter_of(day)
        quarters.append(quarter)
        day = quarter.first - timedelta(days=1)
    return quarters


def last_complete_month(today: date) -> Period:
    last = today.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)
