"""`reclamo import_mail PROVIDER_SLUG PATH`: take the emails of a Maildir directory or an mbox
file into the provider's register, as if they had arrived at its addresses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.intake.mail_outcome import EmailOutcome
from reclamo.intake.mailboxes import MailSourceError, mail_file_import
from reclamo.providers.selectors import provider_get


class Command(BaseCommand):
    help = (
        "Take every email of a Maildir directory or an mbox file for a provider. Safe to run "
        "again: a message already taken (same Message-ID) is reported as a duplicate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the provider's slug, e.g. pronet")
        parser.add_argument("path", type=Path, help="a Maildir directory or an mbox file")

    def handle(self, *args: Any, slug: str, path: Path, **options: Any) -> None:
        provider = provider_get(slug=slug)
        if provider is None:
            raise CommandError(f"No provider {slug!r} is set up.")
        verbose = int(options.get("verbosity", 1)) > 1

        def progress(key: str, outcome: EmailOutcome) -> None:
            if outcome.status >= 400:
                self.stderr.write(f"{path}: {key}: {outcome.outcome}: {outcome.message}")
            elif verbose:
                self.stdout.write(f"{path}: {key}: {outcome.outcome} {outcome.number or ''}")

        try:
            counts = mail_file_import(provider=provider, path=path, progress=progress)
        except MailSourceError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items()))
        self.stdout.write(f"{sum(counts.values())} messages: {summary or 'none'}")
