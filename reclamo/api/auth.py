from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

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
