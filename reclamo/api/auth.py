from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from reclamo.providers.models import Provider
from reclamo.providers.selectors import integration_token_for_secret
from reclamo.providers.services import integration_token_use_record


class IntegrationTokenAuth(HttpBearer):
    """`Authorization: Bearer TOKEN` with a token from `reclamo issue_api_token SLUG`."""

    def authenticate(self, request: HttpRequest, token: str) -> Provider | None:
        record = integration_token_for_secret(token=token)
        if record is None:
            return None
        integration_token_use_record(token=record, now=timezone.now())
        return record.provider
