"""Credits for an outage affecting 100,000 customers, on PostgreSQL (issue 13: < 10 s, constant
memory).

    uv run python bench/bench_outage_credits.py [--sizes 10000,100000] [--provider petrocomp]
        [--automatic]

``--automatic`` loads a version of PETROCOMP's procedure with ``outage_credit.automatic: true``
(into its own database, reclamo_bench_credits_auto), so each run also applies every customer's
credit (an applied remedy and its line each) and queues their letters; the cases the outage
caused are linked in every run. The automatic credits of the previous run are removed before
each run (not timed), so every run writes them all.

Uses the database named by DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/
reclamo_bench_credits, created if missing; its customers are kept between runs and topped up).
For each size, an outage affects that many customers, each with one service (fees drawn from a
dozen tariffs, as a provider's price list has). ``outage_credits_compute`` runs 3 times per size
(it replaces the outage's credits each time); the bench prints the median wall time, and then,
in a separate run under tracemalloc, the peak of Python memory allocated during the computation:
constant memory means the peak does not grow with the number of customers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench_credits"
TARIFFS = [Decimal(f"{fee}.90") for fee in (9, 12, 14, 15, 19, 22, 25, 29, 35, 39, 49, 59)]
BATCH = 5000


def _setup(automatic: bool) -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL + ("_auto" if automatic else ""))
    os.environ.setdefault("RECLAMO_DATA_DIR", tempfile.mkdtemp(prefix="reclamo-bench-credits-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reclamo.providers.services import bundled_policies_load

    bundled_policies_load()
    if automatic:
        from reclamo.providers.services import policy_version_load

        text = (ROOT / "reclamo/providers/policies/petrocomp.yaml").read_text(encoding="utf-8")
        text = text.replace('version: "2015-01-01"', 'version: "2026-11-01"', 1)
        text = text.replace("effective_from: 2015-01-01", "effective_from: 2026-11-01", 1)
        text = text.replace("automatic: false  # PC-9", "automatic: true  # PC-9", 1)
        policy_version_load(text=text, source_name="petrocomp-automatic.yaml")


def _outage(slug: str, size: int):  # type: ignore[no-untyped-def]
    """An outage affecting ``size`` customers of ``slug``, each with one service."""
    from django.db import connection, transaction

    from reclamo.billing.models import AffectedCustomer, Outage, Service
    from reclamo.customers.models import Customer
    from reclamo.providers.models import Provider

    provider = Provider.objects.get(slug=slug)
    have = Customer.objects.filter(provider=provider, reference__startswith="bench-").count()
    if have < size:
        started = time.perf_counter()
        for first in range(have, size, BATCH):
            numbers = range(first, min(size, first + BATCH))
            with transaction.atomic():
                customers = Customer.objects.bulk_create(
                    Customer(
                        provider=provider,
                        reference=f"bench-{n:07d}",
                        name=f"Customer {n}",
                        language="sk",
                    )
                    for n in numbers
                )
                Service.objects.bulk_create(
                    Service(
                        provider=provider,
                        customer=customer,
                        reference=f"bench-{n:07d}-1",
                        monthly_fee=TARIFFS[n % len(TARIFFS)],
                        currency="EUR",
                        started_on=date(2024, 1, 1),
                    )
                    for n, customer in zip(numbers, customers, strict=True)
                )
        print(f"  created {size - have:,} customers in {time.perf_counter() - started:.1f} s")
    zone = ZoneInfo("Europe/Bratislava")
    outage, created = Outage.objects.get_or_create(
        provider=provider,
        reference=f"bench-{size}",
        defaults={
            "started_at": datetime(2026, 11, 29, 10, tzinfo=zone),
            "ended_at": datetime(2026, 12, 2, 12, tzinfo=zone),
            "cause": "provider_equipment",
            "area": "bench",
        },
    )
    if created:
        ids = (
            Customer.objects.filter(provider=provider, reference__startswith="bench-")
            .order_by("reference")
            .values_list("pk", flat=True)[:size]
        )
        AffectedCustomer.objects.bulk_create(
            (AffectedCustomer(outage=outage, customer_id=pk) for pk in ids.iterator()),
            batch_size=BATCH,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return outage


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--provider", default="petrocomp")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--automatic", action="store_true")
    options = parser.parse_args()
    _setup(options.automatic)
    from reclamo.billing.models import AppliedRemedy, OutageCredit, RemedyLine
    from reclamo.billing.outage_credits import outage_credits_compute

    def forget_automatic(outage):  # type: ignore[no-untyped-def]
        RemedyLine.objects.filter(remedy__outage=outage).delete()
        AppliedRemedy.objects.filter(outage=outage)._raw_delete(AppliedRemedy.objects.db)  # type: ignore[attr-defined]

    print(f"database: {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]} (PostgreSQL)")
    for size in (int(part) for part in options.sizes.split(",")):
        outage = _outage(options.provider, size)
        seconds = []
        for _ in range(options.runs):
            forget_automatic(outage)
            started = time.perf_counter()
            report = outage_credits_compute(outage=outage)
            seconds.append(time.perf_counter() - started)
        assert report.credits == size == OutageCredit.objects.filter(outage=outage).count()
        assert report.automatic_credits == (size if options.automatic else 0)
        forget_automatic(outage)
        tracemalloc.start()
        outage_credits_compute(outage=outage)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{options.provider}, {size:,} customers: median {statistics.median(seconds):.2f} s "
            f"(runs: {', '.join(f'{s:.2f}' for s in seconds)}), "
            f"{size / statistics.median(seconds):,.0f} credits/s, total {report.total} "
            f"{report.currency}, {report.automatic_credits:,} automatic credits and letters "
            f"queued, {report.linked_cases} cases linked, "
            f"Python memory peak {peak / 2**20:.1f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
