from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.providers.selectors import integration_token_list, provider_get, provider_list


def _when(value: Any) -> str:
    return value.isoformat(timespec="seconds") if value else "-"


class Command(BaseCommand):
    help = "List a provider's integration tokens (prefix, label, use, state; never the secret)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The provider's slug, e.g. pronet.")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = provider_get(slug=options["slug"])
        if provider is None:
            known = ", ".join(provider_list().values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No provider {options['slug']!r}. Known providers: {known}.")
        tokens = integration_token_list(provider=provider)
        if not tokens:
            self.stdout.write(f"{provider.slug} has no integration tokens.")
            return
        self.stdout.write("id\tprefix\tcreated (UTC)\tlast used (UTC)\trevoked (UTC)\tlabel")
        for token in tokens:
            self.stdout.write(
                f"{token.pk}\t{token.prefix}\t{_when(token.created_at)}\t"
                f"{_when(token.last_used_at)}\t{_when(token.revoked_at)}\t{token.label}"
            )
