from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.console.synthetic import synthetic_cases_create
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import provider_get


class Command(BaseCommand):
    help = (
        "Create N synthetic cases in a provider's register, for benchmarks (numbers continue "
        "the register; deadlines from the procedure; no acknowledgements are sent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The provider's slug, e.g. pronet.")
        parser.add_argument("count", type=int, help="How many cases to create.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = provider_get(slug=options["slug"])
        if provider is None:
            raise CommandError(f"No provider {options['slug']!r}.")
        if options["count"] < 1:
            raise CommandError("count must be at least 1.")
        started = time.perf_counter()
        try:
            created = synthetic_cases_create(
                provider=provider, count=options["count"], seed=options["seed"]
            )
        except (ApplicationError, ValueError) as error:
            raise CommandError(str(error)) from None
        if connection.vendor == "postgresql":
            # A bulk load leaves the planner's statistics describing the smaller table; until
            # autovacuum catches up it would sort a whole register instead of using its index.
            with connection.cursor() as cursor:
                for model in (Complaint, ComplaintDeadline, ComplaintEvent):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Created {created} cases for {provider.slug} in {seconds:.1f} s "
            f"({created / seconds:.0f} cases/s)."
        )
