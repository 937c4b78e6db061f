"""Benchmark of the time arithmetic core (reclamo.domain.calendar), pure Python, one core.

Run: ``uv run python bench/bench_calendar.py``. Prints calls per second (median of several
repeats) for: 2 working hours added on the PN-6 schedule (Mon–Sun 09:00–21:00,
Europe/Bucharest) from random starts; T-1/T-2 ``days_after`` with SK holidays; and a long
200-working-hour ``add`` on the same schedule. Caches are warmed first, as in a running server;
the last line builds a new schedule for every call (cold caches), the cost a caller pays when it
does not reuse schedules (``working_schedule`` caches them).
"""

from __future__ import annotations

import random
import statistics
import sys
import time as clock
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reclamo.domain.calendar import WorkingSchedule, days_after, holiday_calendar

REPEATS = 7
CALLS = 50_000
BUCHAREST = "Europe/Bucharest"


def random_starts(count: int, seed: int) -> list[datetime]:
    """Random aware instants over 2026–2027, expressed in Europe/Bucharest."""
    rng = random.Random(seed)
    zone = ZoneInfo(BUCHAREST)
    base = datetime(2026, 1, 1, tzinfo=UTC)
    span = 2 * 365 * 86_400
    return [
        (
            base + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(1_000_000))
        ).astimezone(zone)
        for _ in range(count)
    ]


def measure(name: str, run: Callable[[], int]) -> float:
    """Run ``run`` (which returns how many calls it made) REPEATS times; print the median rate."""
    run()  # warm the per-day and per-week caches
    rates = []
    for _ in range(REPEATS):
        began = clock.perf_counter()
        calls = run()
        rates.append(calls / (clock.perf_counter() - began))
    median = statistics.median(rates)
    print(f"{name:<58} {median:>12,.0f} /s  (min {min(rates):,.0f}, max {max(rates):,.0f})")
    return median


def main() -> None:
    pn6 = WorkingSchedule([(day, time(9), time(21)) for day in range(7)], time_zone=BUCHAREST)
    starts = random_starts(CALLS, seed=6)
    two_hours = timedelta(hours=2)
    long_duration = timedelta(hours=200)
    sk = holiday_calendar("SK")

    def add_two_hours() -> int:
        add = pn6.add
        for start in starts:
            add(start, two_hours)
        return len(starts)

    def add_long() -> int:
        add = pn6.add
        for start in starts:
            add(start, long_duration)
        return len(starts)

    def thirty_days() -> int:
        for start in starts:
            days_after(
                start, 30, time_zone="Europe/Bratislava", roll_to_working_day=True, holidays=sk
            )
        return len(starts)

    def add_cold() -> int:
        windows = [(day, time(9), time(21)) for day in range(7)]
        for start in starts[:5_000]:
            WorkingSchedule(windows, time_zone=BUCHAREST).add(start, two_hours)
        return 5_000

    print(f"Python {sys.version.split()[0]}, {CALLS:,} calls per repeat, median of {REPEATS}")
    measure("WorkingSchedule.add(random start, 2 h) PN-6 schedule", add_two_hours)
    measure("days_after(30 days, T-2 roll, SK holidays)", thirty_days)
    measure("WorkingSchedule.add(random start, 200 h) PN-6 schedule", add_long)
    measure("new WorkingSchedule + add(random start, 2 h), cold caches", add_cold)


if __name__ == "__main__":
    main()
