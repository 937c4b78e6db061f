"""A quarter's quality indicators and the manager's dashboard on a register of one million
cases, on PostgreSQL (issue 14: indicators < 2 s, dashboard < 500 ms).

    uv run python bench/bench_quality_report.py [--size 1000000] [--slug petrocomp]

Uses the database named by DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/
reclamo_bench_reports, created if missing; cases are kept between runs and topped up with
``create_synthetic_cases``, as bench_register_page.py does). The synthetic register has no
decisions, so its closed cases are given them here with SQL, once: a written statement sent
0–40 days after receipt (``decided_at`` the same), and for fault reports a restoration 0–72 h
after the report and a validity (80 % valid, 12 % invalid, 8 % caused by the customer). Then
``quality_report`` for each of the last complete quarters the data covers (10 runs each after a
warm-up, median and worst), and the dashboard page through Django's full stack (signed in as
the provider's staff, 20 requests after 3 warm-ups, median and p95, with its query count).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench_reports"
RUNS = 10
PAGE_REQUESTS = 20

DECISIONS_SQL = """
UPDATE complaints_complaint
   SET statement_sent_at = received_at + (random() * interval '40 days'),
       decided_at = received_at + (random() * interval '40 days'),
       outcome = 'upheld'
 WHERE provider_id = %(provider)s AND status = 'resolved' AND statement_sent_at IS NULL
"""
FAULTS_SQL = """
UPDATE complaints_complaint
   SET service_restored_at = received_at + (random() * interval '72 hours'),
       fault_validity = (ARRAY['valid','valid','valid','valid','valid','valid','valid','valid',
                               'invalid','customer_caused'])[1 + floor(random() * 10)::int]
 WHERE provider_id = %(provider)s AND treated_as = 'fault_report'
   AND status IN ('resolved', 'withdrawn', 'deemed_upheld') AND service_restored_at IS NULL
"""


def _decisions(slug: str) -> None:
    from django.db import connection

    from reclamo.providers.models import Provider

    provider = Provider.objects.get(slug=slug)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(DECISIONS_SQL, {"provider": provider.pk})
        decided = cursor.rowcount
        cursor.execute(FAULTS_SQL, {"provider": provider.pk})
        repaired = cursor.rowcount
        if decided or repaired:
            # As autovacuum would after such a change: fresh statistics, and a visibility map
            # that lets the reports' covering indexes answer without visiting the table.
            cursor.execute("VACUUM ANALYZE complaints_complaint")
    if decided or repaired:
        print(
            f"  gave {decided:,} cases a sent statement and {repaired:,} fault reports a "
            f"repair in {time.perf_counter() - started:.1f} s"
        )


def _quarters(slug: str) -> None:
    from django.db import connection
    from django.db.models import Max, Min
    from django.test.utils import CaptureQueriesContext

    from reclamo.complaints.models import Complaint
    from reclamo.domain.calendar import get_zone
    from reclamo.domain.quality import last_complete_quarters
    from reclamo.providers.models import Provider
    from reclamo.providers.selectors import policy_current
    from reclamo.reporting.selectors import quality_report

    provider = Provider.objects.get(slug=slug)
    policy = policy_current(provider=provider)
    assert policy is not None
    zone = policy.time_zone
    span = Complaint.objects.filter(provider=provider).aggregate(
        first=Min("received_at"), last=Max("received_at")
    )
    today = span["last"].astimezone(get_zone(zone)).date()
    for quarter in last_complete_quarters(today, 4):
        if quarter.first < span["first"].astimezone(get_zone(zone)).date():
            break
        report = quality_report(provider=provider, period=quarter, time_zone=zone)
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            quality_report(provider=provider, period=quarter, time_zone=zone)
            samples.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as queries:
            quality_report(provider=provider, period=quarter, time_zone=zone)
        total = report.total
        print(
            f"  {quarter.label}: received {total.complaints_received:,} complaints, "
            f"{total.fault_reports_received:,} fault reports; resolved "
            f"{total.complaints_resolved:,}, repaired {total.fault_reports_repaired:,}: "
            f"median {statistics.median(samples) * 1000:.0f} ms, worst "
            f"{max(samples) * 1000:.0f} ms, {len(queries)} queries"
        )


def _figures(slug: str) -> None:
    """The figures sweep (first run: every day; then an incremental run), and the dashboard's
    reads from stored figures against the direct count."""
    from django.utils import timezone

    from reclamo.domain.calendar import get_zone
    from reclamo.providers.models import Provider
    from reclamo.providers.selectors import policy_current
    from reclamo.reporting.dashboard import dashboard_read, dashboard_read_direct, default_period
    from reclamo.reporting.models import FiguresMark
    from reclamo.reporting.services import dashboard_figures_refresh

    provider = Provider.objects.get(slug=slug)
    policy = policy_current(provider=provider)
    assert policy is not None
    FiguresMark.objects.filter(provider=provider).delete()
    for label in ("first run (every day)", "next run (incremental)"):
        started = time.perf_counter()
        days = dashboard_figures_refresh(now=timezone.now())
        print(f"  figures sweep, {label}: {days} days in {time.perf_counter() - started:.1f} s")
    now = timezone.now()
    args: dict[str, Any] = {
        "provider": provider,
        "period": default_period(now.astimezone(get_zone(policy.time_zone)).date()),
        "time_zone": policy.time_zone,
        "now": now,
    }
    for name, read in (("direct", dashboard_read_direct), ("stored", dashboard_read)):
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            read(**args)
            samples.append(time.perf_counter() - started)
        print(f"  dashboard_read {name}: median {statistics.median(samples) * 1000:.0f} ms")


def _dashboard(slug: str) -> None:
    from bench_register_page import _measure, _staff
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(_staff(slug))
    url = f"/en/console/{slug}/dashboard/"
    _measure(client, "dashboard (3 months)", url)
    _measure(client, "dashboard, one dept", f"{url}?department=technical")
    _public_page(slug)


def _public_page(slug: str) -> None:
    """What the public quality page reads (four complete quarters): the first visitor counts
    them, the next ones read the cache (PETROCOMP does not publish the page, so the reads are
    timed without the template)."""
    from django.core.cache import cache
    from django.utils import timezone

    from reclamo.domain.calendar import get_zone
    from reclamo.domain.quality import last_complete_quarters
    from reclamo.providers.models import Provider
    from reclamo.providers.selectors import policy_current
    from reclamo.reporting.views import QUARTERS, _quarter_report

    provider = Provider.objects.get(slug=slug)
    policy = policy_current(provider=provider)
    assert policy is not None
    today = timezone.now().astimezone(get_zone(policy.time_zone)).date()
    cache.clear()
    for label in ("first visitor", "next visitor"):
        started = time.perf_counter()
        for quarter in last_complete_quarters(today, QUARTERS):
            _quarter_report(provider, quarter, policy.time_zone)
        elapsed = (time.perf_counter() - started) * 1000
        print(f"  public quality page's four quarters, {label}: {elapsed:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--slug", default="petrocomp")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    import bench_register_page

    bench_register_page.REQUESTS = PAGE_REQUESTS
    bench_register_page.WARM_UP = 3
    bench_register_page._setup(migrate=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        print(f"PostgreSQL jit = {cursor.fetchone()[0]}; load average {os.getloadavg()}")
    print(f"{options.slug}: {options.size:,} cases")
    bench_register_page._top_up(options.slug, options.size)
    _decisions(options.slug)
    _quarters(options.slug)
    _figures(options.slug)
    _dashboard(options.slug)


if __name__ == "__main__":
    main()
