"""`reclamo fetch_mail [PROVIDER_SLUG]`: take the unseen emails of the providers' IMAP mailboxes
(`RECLAMO_IMAP_<SLUG>_HOST` …). The worker runs the same every minute when one is configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.intake.mailboxes import imap_fetch_all


class Command(BaseCommand):
    help = (
        "Take every unseen message of the configured IMAP mailboxes, then mark it seen (or move "
        "it). Safe to run again: a message already taken is a duplicate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="only this provider's mailbox")

    def handle(self, *args: Any, slug: str | None = None, **options: Any) -> None:
        configured: dict[str, dict[str, Any]] = settings.RECLAMO_IMAP_MAILBOXES
        if slug is not None and slug not in configured:
            raise CommandError(
                f"No mailbox for {slug!r}: set RECLAMO_IMAP_{slug.upper().replace('-', '_')}_HOST "
                "(and _USER, _PASSWORD; see docs/operations.md)."
            )
        if not configured:
            self.stdout.write("No mailbox is configured (RECLAMO_IMAP_<SLUG>_HOST).")
            return
        errors: list[str] = []

        def report(message: str) -> None:
            self.stderr.write(message)
            errors.append(message)

        results = imap_fetch_all(slug=slug, on_error=report)
        for key, counts in results.items():
            summary = ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items()))
            self.stdout.write(f"{key}: {sum(counts.values())} messages: {summary or 'none'}")
        if errors:
            raise CommandError("Some mailboxes could not be read (see above).")
