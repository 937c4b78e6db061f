"""`reclamo fetch_mail [PROVIDER_SLUG]`: take the unseen emails of the providers' IMAP mailboxes
(`RECLAMO_IMAP_<SLUG>_HOST` …). The worker runs the same every minute when one is configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.intake.mailboxes import ImapMailbox, MailSourceError, imap_fetch
from reclamo.providers.selectors import provider_get


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
        failed = False
        for key, values in configured.items():
            if slug is not None and key != slug:
                continue
            provider = provider_get(slug=key)
            if provider is None:
                self.stderr.write(f"RECLAMO_IMAP_{key.upper()}_HOST: no provider {key!r}.")
                failed = True
                continue
            try:
                counts = imap_fetch(provider=provider, box=ImapMailbox.from_settings(values))
            except MailSourceError as error:
                self.stderr.write(str(error))
                failed = True
                continue
            summary = ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items()))
            self.stdout.write(f"{key}: {sum(counts.values())} messages: {summary or 'none'}")
        if failed:
            raise CommandError("Some mailboxes could not be read (see above).")
