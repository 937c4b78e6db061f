from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reclamo.providers.selectors import provider_get
from reclamo.reporting.inputs import InputsInvalid, report_inputs_read_csv
from reclamo.reporting.services import report_inputs_import


class Command(BaseCommand):
    help = (
        "Import a provider's monthly active lines and bills issued from a CSV file "
        "(month,measure,service,value); a file with any problem imports nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("provider", help="The provider's slug, e.g. pronet.")
        parser.add_argument("file", help="Path to the CSV file.")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = provider_get(slug=options["provider"])
        if provider is None:
            raise CommandError(f"No provider {options['provider']!r} is set up.")
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text; save the file as UTF-8 CSV.") from None
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror}).") from None
        try:
            rows = report_inputs_read_csv(text=text, source=str(path))
        except InputsInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{path}: {len(invalid.problems)} problem(s); nothing was imported."
            ) from None
        count = report_inputs_import(
            provider=provider, rows=rows, source=path.name, actor="system", now=timezone.now()
        )
        self.stdout.write(f"{count} figure(s) imported for {provider.slug}.")
