"""Weekly opening hours as written in a shop window (``{mon-fri: "09:00-17:30", sat: closed}``),
parsed into open windows per weekday and turned into the calendar's windows (T-5)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import time
from typing import Any, NamedTuple

from pydantic import model_serializer, model_validator

from reclamo.domain.calendar import WeeklyWindow
from reclamo.domain.policy.fields import Loc, PolicyModel, fail, raise_problems

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_INDEX = {name: index for index, name in enumerate(DAY_NAMES)}
_MINUTES_PER_DAY = 24 * 60
_TIME_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_NON_STOP = {"non-stop", "nonstop", "24/7"}


class OpeningWindow(NamedTuple):
    """One open interval of a weekday, in minutes after local midnight (closes 1440 = 24:00)."""

    weekday: int
    opens: int
    closes: int

    def describe(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {_hhmm(self.opens)}-{_hhmm(self.closes)}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_days(key: str) -> list[int] | str:
    """``mon``, ``mon-fri`` or ``sat,sun`` → weekday indexes; a message when it is none of those."""
    days: list[int] = []
    for token in key.split(","):
        token = token.strip().lower()
        first, dash, last = (part.strip() for part in token.partition("-"))
        if first not in _DAY_INDEX or (dash and last not in _DAY_INDEX):
            return (
                f"{key!r} is not a day — use mon, tue, wed, thu, fri, sat, sun, a range such as "
                "mon-fri, or a list such as sat,sun"
            )
        start = _DAY_INDEX[first]
        end = _DAY_INDEX[last] if dash else start
        if end < start:
            return f"{key!r} runs backwards — ranges go from mon to sun; write e.g. fri,sat,sun,mon"
        days.extend(range(start, end + 1))
    return days


def _parse_time(text: str, *, closing: bool) -> int | None:
    match = _TIME_RE.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not closing)):
        return None
    return hours * 60 + minutes


def _parse_ranges(value: object) -> list[tuple[int, int]] | str:
    """``"09:00-17:30"``, ``"09:00-12:00, 13:00-17:00"``, a list of those, or ``closed``."""
    if value is None or value is False or (isinstance(value, str) and value.strip() == "closed"):
        return []
    parts: list[str]
    if isinstance(value, str):
        parts = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = list(value)
    else:
        return (
            f'{value!r} is not opening hours — write "09:00-17:30" (quoted), several ranges '
            "separated by commas, or closed"
        )
    ranges: list[tuple[int, int]] = []
    for part in parts:
        opens_text, dash, closes_text = part.replace("–", "-").partition("-")
        opens = _parse_time(opens_text, closing=False)
        closes = _parse_time(closes_text, closing=True) if dash else None
        if opens is None or closes is None:
            return (
                f'{part.strip()!r} is not a time range — write it like "09:00-17:30" '
                '(24-hour clock; "00:00-24:00" for the whole day)'
            )
        if closes <= opens:
            return (
                f"{part.strip()!r} closes before it opens — a range must end after it starts; "
                "split a range that crosses midnight over two days"
            )
        ranges.append((opens, closes))
    return ranges


def _parse_week(data: Mapping[Any, Any]) -> list[OpeningWindow]:
    problems: list[tuple[Loc, str]] = []
    windows: dict[int, list[tuple[int, int, str]]] = {day: [] for day in range(7)}
    closed: dict[int, str] = {}
    for raw_key, value in data.items():
        key = str(raw_key)
        days = _parse_days(key)
        if isinstance(days, str):
            problems.append(((key,), days))
            continue
        ranges = _parse_ranges(value)
        if isinstance(ranges, str):
            problems.append(((key,), ranges))
            continue
        for day in days:
            if not ranges:
                if windows[day]:
                    problems.append(
                        ((key,), f"{DAY_NAMES[day]} is closed here but has hours under another key")
                    )
                closed[day] = key
                continue
            if day in closed:
                problems.append(
                    ((key,), f"{DAY_NAMES[day]} has hours here but is closed under {closed[day]!r}")
                )
                continue
            windows[day].extend((opens, closes, key) for opens, closes in ranges)
    result: list[OpeningWindow] = []
    for day, day_windows in windows.items():
        day_windows.sort()
        for (opens, closes, key), (next_opens, next_closes, next_key) in itertools.pairwise(
            day_windows
        ):
            if next_opens < closes:
                problems.append(
                    (
                        (next_key,),
                        f"{DAY_NAMES[day]} {_hhmm(next_opens)}-{_hhmm(next_closes)} overlaps "
                        f"{DAY_NAMES[day]} {_hhmm(opens)}-{_hhmm(closes)} (from {key!r}) — "
                        "each moment of the week may appear only once",
                    )
                )
        result.extend(OpeningWindow(day, opens, closes) for opens, closes, _key in day_windows)
    if problems:
        raise_problems("WeeklyHours", problems)
    return result


class WeeklyHours(PolicyModel):
    """Opening hours of a week, written as in a shop window.

    ``{mon-fri: "09:00-17:30", sat: closed}``; ``{mon-sun: "00:00-24:00"}`` or just ``non-stop``
    for always open. Days not named are closed. Times are local wall-clock times in the policy's
    zone; a range must end after it starts (24:00 is the end of the day) and ranges of one day may
    not overlap.
    """

    windows: tuple[OpeningWindow, ...]

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: object) -> object:
        if isinstance(data, WeeklyHours):
            return data
        if (
            isinstance(data, Mapping)
            and set(data) == {"windows"}
            and not isinstance(data["windows"], str)
        ):
            return data
        if isinstance(data, str) and data.strip().lower() in _NON_STOP:
            return {"windows": [OpeningWindow(day, 0, _MINUTES_PER_DAY) for day in range(7)]}
        if isinstance(data, str) and data.strip().lower() == "closed":
            return {"windows": []}
        if not isinstance(data, Mapping):
            raise fail(
                'hours are a mapping of days to times, e.g. {mon-fri: "09:00-17:30", '
                "sat: closed}, or non-stop"
            )
        return {"windows": _parse_week(data)}

    @model_serializer
    def _dump(self) -> dict[str, str]:
        per_day = [
            ", ".join(f"{_hhmm(w.opens)}-{_hhmm(w.closes)}" for w in self.windows if w.weekday == d)
            or "closed"
            for d in range(7)
        ]
        result: dict[str, str] = {}
        start = 0
        for day in range(1, 8):
            if day == 7 or per_day[day] != per_day[start]:
                key = (
                    DAY_NAMES[start]
                    if day - 1 == start
                    else f"{DAY_NAMES[start]}-{DAY_NAMES[day - 1]}"
                )
                result[key] = per_day[start]
                start = day
        return result

    def weekly_windows(self) -> tuple[WeeklyWindow, ...]:
        """The hours as calendar windows (24:00 is ``closes=None``, see ``calendar.py``)."""
        return tuple(
            WeeklyWindow(
                w.weekday,
                time(w.opens // 60, w.opens % 60),
                None if w.closes == _MINUTES_PER_DAY else time(w.closes // 60, w.closes % 60),
            )
            for w in self.windows
        )

    @property
    def is_non_stop(self) -> bool:
        return all(
            any(
                w.weekday == d and w.opens == 0 and w.closes == _MINUTES_PER_DAY
                for w in self.windows
            )
            for d in range(7)
        )
