from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from reclamo.providers.models import Provider
from reclamo.providers.selectors import integration_token_provider


class IntegrationTokenAuth(HttpBearer):
    """`Authorization: Bearer TOKEN` with a token from `reclamo issue_api_token SLUG`."""

    def authenticate(self, request: HttpRequest, token: str) -> Provider | None:
        return integration_token_provider(token=token)
