"""Memory a stranger can grow (issue 9): distinct instants leave the process within a budget.

The budget, 16 MB, is what the bounds in ``calendar/limits.py`` allow for this workload, with
room to spare: two zones' period-end tables over the range (~2.4 MB each) and the rolled tables
of two calendars (~0.4 MB each); each working schedule's day records capped at 4,096 days
(~1.5 MB; two here plus the policies' department schedules); two countries' holiday years and
working-day offsets (~0.5 MB). This run retains about 9.5 MB. The engine before the bounds kept
every distinct day each schedule was asked about (~350 bytes a day) and retained 21.5 MB for the
same run, growing with every further distinct day: the public preview endpoint grew the process
without end.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from reclamo.domain.calendar import (
    WorkingSchedule,
    days_after,
    holiday_calendar,
    hours_after,
    months_after,
)
from reclamo.domain.deadlines import CaseFacts, preview
from reclamo.domain.policy import load_policy_file

BUDGET_BYTES = 16 * 1024 * 1024
INSTANTS = 100_000
BUNDLED = Path(__file__).resolve().parents[2] / "providers" / "policies"


def test_100k_distinct_instants_stay_within_a_fixed_memory_budget() -> None:
    """Each instant goes through one of the engine's entry points in turn (round robin)."""
    pronet = load_policy_file(BUNDLED / "pronet.yaml")  # Bucharest, working hours (PN-6)
    petrocomp = load_policy_file(BUNDLED / "petrocomp.yaml")  # Bratislava, SK holidays (T-2)
    sk = holiday_calendar("SK")
    pc4 = WorkingSchedule(
        [(day, time(9), time(18)) for day in range(6)], time_zone="Europe/Bratislava", holidays=sk
    )
    pn6 = WorkingSchedule(
        [(day, time(9), time(21)) for day in range(7)], time_zone="Europe/Bucharest"
    )
    two_hours = timedelta(hours=2)
    rng = random.Random(9)
    first = datetime(1998, 1, 1, tzinfo=UTC)  # both countries' holidays are known from here
    span_us = (datetime(2099, 1, 1, tzinfo=UTC) - first) // timedelta(microseconds=1)
    offsets = rng.sample(range(span_us), INSTANTS)  # distinct instants over a century

    entry_points: list[Callable[[datetime], object]] = [
        lambda at: days_after(
            at, 30, time_zone="Europe/Bratislava", roll_to_working_day=True, holidays=sk
        ),
        lambda at: months_after(
            at, 2, time_zone="Europe/Bucharest", roll_to_working_day=True, holidays=None
        ),
        lambda at: hours_after(at, 24),
        lambda at: pc4.add(at, two_hours),
        lambda at: pn6.add(at, two_hours),
        lambda at: preview(pronet, CaseFacts("complaint", "letter", at)),
        lambda at: preview(petrocomp, CaseFacts("complaint", "letter", at)),
    ]

    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        for number, offset in enumerate(offsets):
            at = first + timedelta(microseconds=offset)
            assert entry_points[number % len(entry_points)](at) is not None
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
    assert retained < BUDGET_BYTES, f"{retained / 2**20:.1f} MB retained"
