"""What the three import commands share: find the provider, run the import, say what it did or
list every bad row (``FILE:LINE: field: message``) and exit non-zero."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.billing.imports import ImportRejected, ImportReport
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider
from reclamo.providers.selectors import provider_get


class ImportCommand(BaseCommand):
    what = "rows"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("provider_slug")
        parser.add_argument("file", type=Path)

    def provider(self, slug: str) -> Provider:
        provider = provider_get(slug=slug)
        if provider is None:
            raise CommandError(f"no provider {slug!r} is set up")
        return provider

    def run(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            count = len(rejected.problems)
            raise CommandError(
                f"{count} problem(s); nothing was imported — correct the file and run again"
            ) from None
        except ApplicationError as error:
            raise CommandError(error.message) from None

    def say(self, path: Path, report: ImportReport) -> None:
        self.stdout.write(
            f"{path}: {report.created} {self.what} added, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
