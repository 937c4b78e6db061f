"""Benchmark: full deadline previews per second on one core, per provider.

Run alone from the repository root (pure Python, no Django, no database):

    uv run python bench/bench_deadlines.py [--seconds 2] [--requests 5000]

Each provider gets the same mix of cases spread over 2020–2035: complaints on every channel with
category, complexity and filing dates; fault reports at and outside the premises (PC-4's report
window, UN-4's fault time); refusals (PC-2). Every case is one complete ``preview()`` call:
validation, channel, routing, filing window and every clock.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from reclamo.domain.deadlines import CaseFacts, preview
from reclamo.domain.policy import (
    CATEGORIES,
    CHANNEL_KINDS,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    Policy,
    load_policy_file,
)

ROOT = Path(__file__).resolve().parents[1]
POLICIES = [
    ROOT / "reclamo" / "providers" / "policies" / "pronet.yaml",
    ROOT / "reclamo" / "providers" / "policies" / "unitel.yaml",
    ROOT / "reclamo" / "providers" / "policies" / "petrocomp.yaml",
    ROOT / "tests" / "policies" / "magyarnet-hu.yaml",
]


def cases_for(policy: Policy, count: int, seed: int) -> list[CaseFacts]:
    rng = random.Random(seed)
    zone = ZoneInfo(policy.time_zone)
    start = datetime(2020, 1, 1, tzinfo=zone)
    span = int((datetime(2035, 12, 31, tzinfo=zone) - start).total_seconds())
    made: list[CaseFacts] = []
    for _ in range(count):
        received_at = (start + timedelta(seconds=rng.randrange(span))).astimezone(zone)
        local_day = received_at.date()
        made.append(
            CaseFacts(
                kind=rng.choice(policy.kinds),
                channel=rng.choice(CHANNEL_KINDS),
                received_at=received_at,
                category=rng.choice(CATEGORIES),
                complexity=rng.choice(COMPLEXITIES),
                fault_location=rng.choice(FAULT_LOCATIONS),
                fault_started_at=received_at - timedelta(hours=rng.randrange(48)),
                defect_discovered_at=local_day - timedelta(days=rng.randrange(60)),
                invoice_delivered_at=local_day - timedelta(days=rng.randrange(60)),
                service_restored_at=received_at - timedelta(days=rng.randrange(120)),
            )
        )
    return made


def measure(policy: Policy, cases: list[CaseFacts], seconds: float) -> tuple[float, int]:
    """Previews per second over at least ``seconds`` of repeated passes."""
    done = 0
    began = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for facts in cases:
            preview(policy, facts)
        done += len(cases)
        elapsed = time.perf_counter() - began
    return done / elapsed, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum time per provider")
    parser.add_argument("--requests", type=int, default=5000, help="distinct cases per provider")
    args = parser.parse_args(argv)

    print(f"Python {sys.version.split()[0]}, one core, {args.requests} distinct cases per provider")
    print(
        f"{'provider':<10} {'first pass/s':>13} {'steady/s':>10} {'µs/preview':>11} {'accepted':>9}"
    )
    for path in POLICIES:
        policy = load_policy_file(path)
        cases = cases_for(policy, args.requests, seed=20261121)
        # The first pass fills the calendar caches (holidays per year, schedule days).
        began = time.perf_counter()
        answers = [preview(policy, facts) for facts in cases]
        first = len(cases) / (time.perf_counter() - began)
        rate, _done = measure(policy, cases, args.seconds)
        accepted = sum(answer.accepted for answer in answers) / len(answers)
        print(
            f"{policy.slug:<10} {first:>13,.0f} {rate:>10,.0f} {1e6 / rate:>11.1f} {accepted:>9.0%}"
        )
    print(f"(cases dated {date(2020, 1, 1)} … {date(2035, 12, 31)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
