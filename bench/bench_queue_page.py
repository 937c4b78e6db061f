"""A department queue page's server time and query count at growing register sizes, on
PostgreSQL (PC-14: open cases first in, first out, each with its nearest deadline).

    uv run python bench/bench_queue_page.py [--sizes 10000,100000,1000000]

The same dataset as ``bench_register_page.py`` (its database, DEFAULT_URL, and its top-up: ProNet
10 k, Unitel 100 k, PetroComp 1 M cases in the same tables by default). For each provider the
busiest department's queue is requested through Django's full stack (test client, signed in as
that provider's staff), 50 times after 5 warm-ups: the first page, a deep page (a cursor 90 %
of the way through the queue) and the htmx refresh of the table. The query count of every page
is printed; it must not grow with the register.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_register_page as dataset  # noqa: E402  (the register bench's dataset and timer)


def _busiest_department(slug: str) -> tuple[str, int]:
    from django.db.models import Count

    from reclamo.casework.selectors import OPEN_STATUSES
    from reclamo.complaints.models import Complaint

    row = (
        Complaint.objects.filter(provider__slug=slug, status__in=OPEN_STATUSES)
        .exclude(department="")
        .values("department")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert row is not None, f"{slug} has no open case in a department"
    return str(row["department"]), int(row["n"])


def _deep_cursor(slug: str, department: str, open_cases: int) -> str:
    from reclamo.casework.selectors import OPEN_STATUSES
    from reclamo.complaints.models import Complaint
    from reclamo.keyset import cursor_encode

    queryset = Complaint.objects.filter(
        provider__slug=slug, department=department, status__in=OPEN_STATUSES
    ).order_by("received_at", "number")
    row = queryset.values_list("received_at", "number")[int(open_cases * 0.9)]
    return cursor_encode(row[0], row[1])


def pages(sizes: list[int]) -> None:
    dataset._setup(migrate=True)
    from django.db import connection
    from django.test import Client

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        print(f"PostgreSQL jit = {cursor.fetchone()[0]}; load average {os.getloadavg()}")
    counts = set()
    for slug, size in zip(dataset.PROVIDERS, sizes, strict=False):
        dataset._top_up(slug, size)
        department, open_cases = _busiest_department(slug)
        print(f"{slug}: {size:,} cases; queue {department!r}: {open_cases:,} open")
        client = Client(SERVER_NAME="localhost")
        client.force_login(dataset._staff(slug))
        url = f"/en/console/{slug}/queue/{department}/"
        deep = f"{url}?after={_deep_cursor(slug, department, open_cases)}"
        counts.add(dataset._measure(client, "first page", url)[2])
        counts.add(dataset._measure(client, "deep page (90 %)", deep)[2])
        htmx = Client(SERVER_NAME="localhost", HTTP_HX_REQUEST="true")
        htmx.force_login(dataset._staff(slug))
        counts.add(dataset._measure(htmx, "htmx refresh", url)[2])
    print(f"query counts seen: {sorted(counts)}; load average {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    options = parser.parse_args()
    pages([int(s) for s in options.sizes.split(",")])


if __name__ == "__main__":
    main()
