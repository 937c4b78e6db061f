"""How long a written statement PDF takes to render (target < 1 s): a rejected UNITEL case in
Slovak with the escalation bodies. Run: uv run python bench/bench_statement_pdf.py"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

import django

django.setup()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    from reclamo.casework.models import Statement
    from reclamo.casework.statement import statement_pdf
    from reclamo.casework.tests.conftest import case_register
    from reclamo.providers.models import Provider
    from reclamo.providers.services import bundled_policies_load

    bundled_policies_load()
    provider = Provider.objects.get(slug="unitel")
    complaint = case_register(
        provider, received_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC), category="billing"
    )
    statement = Statement(
        complaint=complaint,
        outcome="rejected",
        reasons="Faktúra je správna; účtované služby zodpovedajú zmluve.",
        decided_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        sent_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        language="sk",
    )
    statement_pdf(complaint, statement)  # warm-up: fonts and Pango load once per process
    times = []
    for _ in range(10):
        start = time.perf_counter()
        statement_pdf(complaint, statement)
        times.append(time.perf_counter() - start)
    print(
        f"statement PDF: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
