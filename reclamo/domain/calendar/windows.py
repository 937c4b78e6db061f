"""Weekly wall-clock windows (T-5): ``[opens, closes)`` per weekday, and interval helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from reclamo.domain.calendar.limits import DAY_US
from reclamo.domain.errors import DomainError

# Open intervals [opens, closes) in microseconds (since midnight, or since the epoch).
Interval = tuple[int, int]


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
        return DAY_US if self.closes is None else _time_us(self.closes)


WindowSpec = WeeklyWindow | tuple[int, time, time | None]


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """The sorted union of ``intervals``; overlapping or touching ones become one."""
    merged: list[Interval] = []
    for opens, closes in sorted(intervals):
        if opens >= closes:
            continue
        if merged and merged[-1][1] >= opens:
            if closes > merged[-1][1]:
                merged[-1] = (merged[-1][0], closes)
        else:
            merged.append((opens, closes))
    return tuple(merged)


def overlap(intervals: tuple[Interval, ...], start: int, end: int) -> int:
    """Open time of ``intervals`` inside ``[start, end)``."""
    total = 0
    for opens, closes in intervals:
        lo = opens if opens > start else start
        hi = closes if closes < end else end
        if hi > lo:
            total += hi - lo
    return total


def use_up(intervals: tuple[Interval, ...], remaining: int) -> int:
    """The instant at which ``remaining`` (> 0, <= the day's total) open time is used up."""
    for opens, closes in intervals:
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise AssertionError("remaining open time exceeds the day's total")  # pragma: no cover
