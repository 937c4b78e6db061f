from __future__ import annotations

from typing import Any

from reclamo.billing.imports import INVOICE_COLUMNS, INVOICE_OPTIONAL, invoices_import
from reclamo.billing.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import invoices from a CSV file (UTF-8, a header line). Columns: "
        f"{', '.join(INVOICE_COLUMNS)}; optional: {', '.join(INVOICE_OPTIONAL)}."
    )
    what = "invoices"

    def handle(self, *args: Any, **options: Any) -> None:
        provider, path = self.provider(options["provider_slug"]), options["file"]
        self.say(path, self.run(lambda: invoices_import(provider=provider, path=path)))
