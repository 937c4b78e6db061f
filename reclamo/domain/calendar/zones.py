"""Time zones and instants: aware-only input (T-6), and local wall clock ↔ UTC microseconds."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reclamo.domain.calendar.limits import EPOCH, US, require_in_range
from reclamo.domain.errors import DomainError

_EPOCH_NAIVE = datetime(1970, 1, 1)  # noqa: DTZ001 - wall-clock arithmetic only, never an instant
# Below this many microseconds from the epoch (year 2106), ``us / 1e6`` is within half a
# microsecond of the exact value, so ``datetime.fromtimestamp`` rounds back to the exact
# microsecond; it is ~4x faster than building the datetime through a timedelta.
_FLOAT_EXACT_US = 2**32 * 1_000_000


def naive_error(field: str) -> DomainError:
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
        raise naive_error(field)
    return value


def require_representable(value: datetime, *, field: str) -> datetime:
    """Return ``value`` if aware (T-6) and within the product's range; refuse it otherwise
    (``OutOfRange`` names the field, the value and the range). For callers that check their own
    input first, e.g. ``received_at`` before any deadline is counted from it."""
    require_aware(value, field=field)
    require_in_range(value, field=field)
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


def us_to_zone(us: int, zone: ZoneInfo) -> datetime:
    """The instant ``us`` microseconds after the epoch, expressed in ``zone``."""
    if -_FLOAT_EXACT_US < us < _FLOAT_EXACT_US:
        return datetime.fromtimestamp(us / 1_000_000, zone)
    return (EPOCH + timedelta(microseconds=us)).astimezone(zone)


def _offset(zone: ZoneInfo, wall: datetime) -> timedelta:
    offset = zone.utcoffset(wall)
    if offset is None:  # pragma: no cover - ZoneInfo always answers
        raise DomainError("Time zone gave no UTC offset.", code="unknown_time_zone")
    return offset


def fixed_offset_us(zone: ZoneInfo) -> int:
    """Any one UTC offset of ``zone`` in microseconds: a first guess of an instant's local day."""
    return _offset(zone, datetime(2000, 1, 1)) // US  # noqa: DTZ001 - a wall time in the zone


def wall_to_us(zone: ZoneInfo, wall: datetime) -> int:
    """The first instant at which the local clock shows ``wall`` or a later time.

    ``wall`` is naive local time. In a fall-back fold that is the first occurrence; in a
    spring-forward gap it is the end of the gap (the transition instant).
    """
    before = _offset(zone, wall)
    after = _offset(zone, wall.replace(fold=1))
    first = (wall - before - _EPOCH_NAIVE) // US
    if before == after:
        return first
    second = (wall - after - _EPOCH_NAIVE) // US
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
    return (EPOCH + timedelta(microseconds=us)).astimezone(zone).replace(tzinfo=None)


def wall_to_zone(zone: ZoneInfo, wall: datetime) -> datetime:
    """Aware datetime for naive local ``wall``, resolved like :func:`wall_to_us`."""
    if _offset(zone, wall) == _offset(zone, wall.replace(fold=1)):
        return wall.replace(tzinfo=zone)
    return us_to_zone(wall_to_us(zone, wall), zone)
