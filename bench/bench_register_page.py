"""The staff register page's server time and query count at growing register sizes, and the CSV
export of the largest register, on PostgreSQL.

    uv run python bench/bench_register_page.py [--sizes 10000,100000,1000000]

Uses the database named by DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/
reclamo_bench_page, created if missing; its cases are kept between runs and topped up to each
size with ``create_synthetic_cases``). Each size is a provider's register in the same tables
(ProNet 10 k, Unitel 100 k, PetroComp 1 M by default), so the small registers are measured
beside the large one, as tenants share a database. Each page is requested through Django's
full stack (test client, signed in as that provider's staff), 50 times after 5 warm-ups: the
first page, a deep page (a cursor 90 % of the way through), a filtered page and the overdue
filter. The export is
streamed to nowhere in a separate process, which reports its time and peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench_page"
REQUESTS = 50
WARM_UP = 5
PROVIDERS = ("pronet", "unitel", "petrocomp")


def _setup(*, migrate: bool) -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("RECLAMO_DATA_DIR", tempfile.mkdtemp(prefix="reclamo-bench-page-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    if migrate:
        _database_create(url)
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        from reclamo.providers.services import bundled_policies_load

        bundled_policies_load()


def _database_create(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _staff(slug: str):  # type: ignore[no-untyped-def]
    from reclamo.accounts.models import User
    from reclamo.providers.models import Provider

    user, _ = User.objects.get_or_create(
        username=f"bench-staff-{slug}",
        defaults={"role": User.Role.STAFF, "provider": Provider.objects.get(slug=slug)},
    )
    return user


def _top_up(slug: str, size: int) -> None:
    from django.db import connection

    from reclamo.complaints.models import Complaint
    from reclamo.console.synthetic import synthetic_cases_create
    from reclamo.providers.models import Provider

    provider = Provider.objects.get(slug=slug)
    have = Complaint.objects.filter(provider=provider).count()
    if have < size:
        started = time.perf_counter()
        synthetic_cases_create(provider=provider, count=size - have, seed=size)
        seconds = time.perf_counter() - started
        print(
            f"  created {size - have:,} cases in {seconds:.1f} s ({(size - have) / seconds:,.0f}/s)"
        )
    # Fresh planner statistics, as autovacuum keeps them in production: with the estimates of
    # a smaller table the planner sorts a whole register instead of walking its index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _deep_cursor(slug: str) -> str:
    from reclamo.complaints.models import Complaint
    from reclamo.keyset import cursor_encode

    queryset = Complaint.objects.filter(provider__slug=slug).order_by("received_at", "number")
    row = queryset.values_list("received_at", "number")[int(queryset.count() * 0.9)]
    return cursor_encode(row[0], row[1])


def _measure(client, label: str, url: str) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        assert client.get(url).status_code == 200
    samples = []
    cpu = []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, response.content[:300]
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    samples.sort()
    p50 = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95) - 1] * 1000
    # The CPU time of this process (Django, no database server) tells the page's own cost
    # apart from waiting on a machine shared with other work.
    cpu_p50 = statistics.median(cpu) * 1000
    print(
        f"  {label:<18} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  (Python CPU p50 {cpu_p50:5.1f} ms)"
        f"  {len(queries)} queries"
    )
    return p50, p95, len(queries)


def pages(sizes: list[int]) -> None:
    _setup(migrate=True)
    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        print(f"PostgreSQL jit = {cursor.fetchone()[0]}; load average {os.getloadavg()}")
    for slug, size in zip(PROVIDERS, sizes, strict=False):
        print(f"{slug}: {size:,} cases")
        _top_up(slug, size)
        client = Client(SERVER_NAME="localhost")
        client.force_login(_staff(slug))
        base = f"/en/console/{slug}/"
        _measure(client, "first page", base)
        _measure(client, "deep page (90 %)", f"{base}?after={_deep_cursor(slug)}")
        _measure(client, "filtered page", f"{base}?status=in_progress&kind=complaint&q=Ionescu")
        _measure(client, "overdue", f"{base}?overdue=on")


def _rss() -> int:
    """The resident set size now, in bytes (ru_maxrss would include what the parent held
    before the fork)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


def export(slug: str) -> None:
    _setup(migrate=False)
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(_staff(slug))
    before = _rss()
    peak = before
    started = time.perf_counter()
    response = client.get(f"/en/console/{slug}/register.csv")
    size = lines = 0
    for chunk in response.streaming_content:  # type: ignore[attr-defined]
        size += len(chunk)
        lines += 1
        if lines % 10_000 == 0:
            peak = max(peak, _rss())
    seconds = time.perf_counter() - started
    print(
        f"CSV export: {lines - 1:,} cases, {size / 1e6:,.0f} MB in {seconds:.1f} s "
        f"({(lines - 1) / seconds:,.0f} rows/s); peak RSS {peak / 1e6:.0f} MB "
        f"(before the export {before / 1e6:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--export", metavar="SLUG", help="only the CSV export (internal)")
    options = parser.parse_args()
    if options.export:
        export(options.export)
        return
    sizes = [int(s) for s in options.sizes.split(",")]
    pages(sizes)
    largest = PROVIDERS[sizes.index(max(sizes))]
    # A fresh process, so the peak RSS is the export's, not the synthetic data's.
    subprocess.run(  # noqa: S603 - this script, with a fixed argument
        [sys.executable, __file__, "--export", largest], check=True, env=os.environ.copy()
    )


if __name__ == "__main__":
    main()
