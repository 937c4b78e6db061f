from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.providers.selectors import provider_get, provider_list
from reclamo.providers.services import SYSTEM_ACTOR, integration_token_issue


class Command(BaseCommand):
    help = "Print a new integration token for a provider (shown once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The provider's slug, e.g. pronet.")
        parser.add_argument("--label", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        provider = provider_get(slug=options["slug"])
        if provider is None:
            known = ", ".join(provider_list().values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No provider {options['slug']!r}. Known providers: {known}.")
        self.stdout.write(
            integration_token_issue(provider=provider, actor=SYSTEM_ACTOR, label=options["label"])
        )
