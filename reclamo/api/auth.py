from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from reclamo.api.errors import ApiError
from reclamo.providers.models import IntegrationToken, Provider
from reclamo.providers.selectors import integration_token_for_secret
from reclamo.providers.services import integration_token_use_record


class IntegrationTokenAuth(HttpBearer):
    """`Authorization: Bearer TOKEN` with a token from `reclamo issue_api_token SLUG`.

    `request.auth` is the token's provider; the token itself is `request.integration_token`, so
    a change it makes names it in the audit trail by its prefix (`integration:rcl_ab12…`).
    """

    def authenticate(self, request: HttpRequest, token: str) -> Provider | None:
        record = integration_token_for_secret(token=token)
        if record is None:
            return None
        integration_token_use_record(token=record, now=timezone.now())
        request.integration_token = record  # type: ignore[attr-defined]
        return record.provider


def request_token(request: HttpRequest) -> IntegrationToken:
    """The integration token that authenticated ``request`` (set by IntegrationTokenAuth)."""
    token: IntegrationToken = request.integration_token  # type: ignore[attr-defined]
    return token


def own_provider(request: HttpRequest, slug: str) -> Provider:
    """The token's provider when ``slug`` names it; any other slug answers `404` exactly as one
    that does not exist, so a token never learns that another provider exists."""
    provider: Provider = request.auth  # type: ignore[attr-defined]
    if provider.slug != slug:
        raise ApiError(
            404,
            "unknown_provider",
            f"No provider {slug!r} is set up.",
            "slug",
            params={"value": repr(slug)[:80]},
        )
    return provider
