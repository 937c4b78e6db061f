"""A provider's system calling the register's API with its own token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from reclamo.providers.models import IntegrationToken, Provider
from reclamo.providers.services import integration_token_issue

CASES = "/api/v1/providers/{slug}/complaints"
CASE = "/api/v1/complaints/{number}"


def submission(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "complaint",
        "channel": "api",
        "category": "billing",
        "received_at": "2026-11-20T15:30:00+02:00",
        "customer": {"name": "Ana Popescu", "email": "ana@example.ro", "language": "ro"},
        "subject": "Factura greșită",
        "body": "Am fost taxată de două ori în noiembrie.",
    }
    body.update(changes)
    return body


class Integration:
    """A provider's system calling the API with its token."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.token = integration_token_issue(provider=provider)
        self.prefix = IntegrationToken.objects.get(provider=provider).prefix
        self.client = Client(headers={"Authorization": f"Bearer {self.token}"})

    def register(
        self, body: Any, *, slug: str | None = None, key: str | None = None, **kwargs: Any
    ) -> Any:
        headers = {"Idempotency-Key": key} if key is not None else {}
        return self.client.post(
            CASES.format(slug=slug or self.provider.slug),
            body if isinstance(body, str | bytes) else json.dumps(body),
            content_type=kwargs.pop("content_type", "application/json"),
            headers=headers,
            **kwargs,
        )

    def case(self, number: str) -> Any:
        return self.client.get(CASE.format(number=number))

    def register_page(self, slug: str | None = None, **query: Any) -> Any:
        return self.client.get(CASES.format(slug=slug or self.provider.slug), query)


@pytest.fixture
def pronet(bundled_providers: dict[str, Provider]) -> Integration:
    return Integration(bundled_providers["pronet"])


@pytest.fixture
def unitel(bundled_providers: dict[str, Provider]) -> Integration:
    return Integration(bundled_providers["unitel"])


@pytest.fixture
def petrocomp(bundled_providers: dict[str, Provider]) -> Integration:
    return Integration(bundled_providers["petrocomp"])
