from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reclamo.providers.models import IntegrationToken, Provider
from reclamo.providers.tokens import token_digest


@pytest.fixture
def provider(db) -> Provider:
    return Provider.objects.create(slug="pronet", name="ProNET")


def _issue(slug: str) -> str:
    out = io.StringIO()
    call_command("issue_api_token", slug, stdout=out)
    return out.getvalue()


def test_issue_api_token_prints_the_token_alone_on_its_line(provider: Provider) -> None:
    printed = _issue("pronet")
    lines = printed.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rcl_")
    stored = IntegrationToken.objects.get(provider=provider)
    assert stored.digest == token_digest(lines[0])
    assert lines[0] not in {stored.prefix, stored.digest}, "the clear token is never stored"


def test_issue_api_token_for_an_unknown_provider_names_the_known_ones(provider: Provider) -> None:
    with pytest.raises(CommandError, match=r"No provider 'nope'\. Known providers: pronet"):
        _issue("nope")


def test_the_token_authenticates_its_provider(provider: Provider, client) -> None:
    token = _issue("pronet").strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {"provider": "pronet", "name": "ProNET"}
    assert IntegrationToken.objects.get().last_used_at is not None


@pytest.mark.parametrize("header", [None, "Bearer rcl_wrong", "Basic abc"])
def test_missing_or_wrong_token_is_401_with_the_error_shape(provider, client, header) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "unauthorized"
    assert "issue_api_token" in error["message"]


def test_a_revoked_token_no_longer_authenticates(provider: Provider, client) -> None:
    token = _issue("pronet").strip()
    IntegrationToken.objects.update(revoked_at=timezone.now())
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


@pytest.mark.django_db
def test_openapi_schema_is_published(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Reclamo API"
    assert "/api/v1/me" in schema["paths"]
