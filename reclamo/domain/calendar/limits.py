"""What the engine will represent, and how much it keeps: the product's range and cache bounds.

**The range** is every instant from 1970-01-01T00:00:00Z to 2100-12-31T23:59:59.999999Z,
chosen once here:

* the end is where the public-holiday data ends: the ``holidays`` package knows no holiday after
  2100 (its ``end_year``) and answers an empty list beyond, so a T-2 roll or a PC-4 schedule in
  2101 would silently treat Christmas as a working day;
* the start is the Unix epoch: no complaint handled by the product predates it, the time-zone
  database's rules before it are local mean times and wartime oddities, and every internal instant
  is a non-negative count of microseconds since it.

An instant outside the range, or a deadline that would fall outside it, is refused with
:class:`~reclamo.domain.errors.OutOfRange` (``code="out_of_range"``, a 422, never a 500). Local
dates reach one day past each end (a zone's offset moves the local date of an instant in range).

**Cache bounds**: a table per local day (period ends, working-day offsets, holiday years) covers
the range at most, so the range bounds it. A working schedule's day records are richer (~350
bytes a day), so they live in a plain dict (the fastest lookup) that drops its oldest half when
it reaches the size below: a stranger asking for every distinct instant cannot grow the process
without end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any

from reclamo.domain.errors import OutOfRange

__all__ = [
    "EARLIEST",
    "FIRST_DAY",
    "FIRST_YEAR",
    "LAST_DAY",
    "LAST_YEAR",
    "LATEST",
    "beyond_range",
    "out_of_range",
    "require_in_range",
]

FIRST_YEAR = 1970
LAST_YEAR = 2100
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)

EPOCH = EARLIEST
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
US = timedelta(microseconds=1)
DAY_US = 86_400_000_000
EARLIEST_US = 0
LATEST_US = (LATEST - EPOCH) // US
# Local days (days since 1970-01-01) an instant in range can fall on, in any zone (offsets are
# under a day).
FIRST_DAY = -1
LAST_DAY = (date(LAST_YEAR + 1, 1, 1) - date(1970, 1, 1)).days

# Cache sizes. A schedule's day record is ~350 bytes: 4,096 days (11 years) is ~1.5 MB.
SCHEDULE_DAYS = 4_096
SCHEDULE_WEEKS = 1_024


_RANGE = f"({FIRST_YEAR}–{LAST_YEAR})"


def out_of_range(field: str | None, value: object, *, result: str | None = None) -> OutOfRange:
    """The error for ``value`` of ``field``, or for the ``result`` computed from it."""
    shown = value.isoformat() if isinstance(value, date | datetime) else str(value)
    if result is None:
        return OutOfRange(
            f"{field} {shown} is outside what Reclamo can compute {_RANGE}.", field=field
        )
    return beyond_range(f"The {result} from {field} {shown}", field=field)


def beyond_range(what: str, *, field: str | None = None) -> OutOfRange:
    """The error for a result (``what``, a phrase) that would fall outside the range."""
    return OutOfRange(f"{what} falls outside what Reclamo can compute {_RANGE}.", field=field)


def require_in_range(value: datetime, *, field: str) -> int:
    """Microseconds since the epoch of aware ``value``; :class:`OutOfRange` outside the range.

    The caller has checked that ``value`` is aware. Subtracting aware datetimes never overflows
    (it works on day counts), so any instant from year 1 to 9999 reaches the comparison.
    """
    us = (value - EPOCH) // US
    if not EARLIEST_US <= us <= LATEST_US:
        raise out_of_range(field, value)
    return us


def evict_oldest_half(cache: dict[Any, Any]) -> None:
    """Drop the older half of ``cache`` (dicts keep insertion order): a FIFO bound that costs
    nothing on lookups, unlike an LRU's reordering on every hit."""
    for key in list(islice(cache, len(cache) // 2 + 1)):
        del cache[key]
