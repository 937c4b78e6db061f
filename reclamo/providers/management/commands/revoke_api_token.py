from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.providers.selectors import integration_token_find
from reclamo.providers.services import SYSTEM_ACTOR, integration_token_revoke


class Command(BaseCommand):
    help = "Revoke an integration token by its id or prefix (see `reclamo list_api_tokens SLUG`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token", help="The token's id, or its prefix (rcl_…, 5+ characters).")

    def handle(self, *args: Any, **options: Any) -> None:
        matches = integration_token_find(prefix_or_id=options["token"])
        if not matches:
            raise CommandError(
                f"No integration token {options['token']!r}: give its id or at least 5 "
                "characters of its prefix (`reclamo list_api_tokens SLUG` lists them)."
            )
        if len(matches) > 1:
            listed = ", ".join(f"{t.pk} ({t.provider.slug} {t.prefix})" for t in matches)
            raise CommandError(f"{options['token']!r} matches several tokens: {listed}.")
        (token,) = matches
        if token.revoked_at is not None:
            self.stdout.write(
                f"Token {token.prefix}… of {token.provider.slug} was already revoked."
            )
            return
        integration_token_revoke(provider=token.provider, token=token, actor=SYSTEM_ACTOR)
        self.stdout.write(f"Token {token.prefix}… of {token.provider.slug} revoked.")
