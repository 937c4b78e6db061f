from __future__ import annotations

from typing import Any

from reclamo.billing.imports import SERVICE_COLUMNS, SERVICE_OPTIONAL, services_import
from reclamo.billing.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import customers' services from a CSV file (UTF-8, a header line). Columns: "
        f"{', '.join(SERVICE_COLUMNS)}; optional: {', '.join(SERVICE_OPTIONAL)}."
    )
    what = "services"

    def handle(self, *args: Any, **options: Any) -> None:
        provider, path = self.provider(options["provider_slug"]), options["file"]
        self.say(path, self.run(lambda: services_import(provider=provider, path=path)))
