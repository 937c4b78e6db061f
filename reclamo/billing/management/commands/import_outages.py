from __future__ import annotations

from functools import partial
from typing import Any

from django.core.management.base import CommandParser

from reclamo.billing.management.commands._importing import ImportCommand
from reclamo.billing.outage_credits import outage_credits_compute
from reclamo.billing.outages import OUTAGE_COLUMNS, OUTAGE_OPTIONAL, outages_import


class Command(ImportCommand):
    help = (
        "Import outages from a CSV file (UTF-8, a header line), one row per affected customer, "
        f"and compute their credits. Columns: {', '.join(OUTAGE_COLUMNS)}; optional: "
        f"{', '.join(OUTAGE_OPTIONAL)}."
    )
    what = "outages"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-credits",
            action="store_true",
            help="import only; compute the credits later",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        provider, path = self.provider(options["provider_slug"]), options["file"]
        report, changed = self.run(lambda: outages_import(provider=provider, path=path))
        self.say(path, report)
        if options["no_credits"]:
            return
        for outage in changed:
            credits = self.run(partial(outage_credits_compute, outage=outage))
            self.stdout.write(
                f"outage {credits.outage}: {credits.credits} credit(s), "
                f"{credits.total} {credits.currency} in all"
            )
