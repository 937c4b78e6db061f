"""`reclamo list_api_tokens SLUG` and `reclamo revoke_api_token PREFIX_OR_ID`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from reclamo.providers.models import IntegrationToken, Provider, ProviderEvent
from reclamo.providers.services import integration_token_issue


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def providers(db) -> dict[str, Provider]:
    return {
        "pronet": Provider.objects.create(slug="pronet", name="ProNET"),
        "unitel": Provider.objects.create(slug="unitel", name="UNITEL"),
    }


def test_list_api_tokens_shows_the_providers_tokens_and_never_a_secret(providers) -> None:
    secret = integration_token_issue(provider=providers["pronet"], label="CRM")
    other = integration_token_issue(provider=providers["unitel"], label="billing")
    printed = _run("list_api_tokens", "pronet")
    mine = IntegrationToken.objects.get(provider__slug="pronet")
    assert mine.prefix in printed and "CRM" in printed
    assert secret not in printed and mine.digest not in printed
    assert other[:12] not in printed and "billing" not in printed


def test_list_api_tokens_for_an_empty_or_unknown_provider(providers) -> None:
    assert _run("list_api_tokens", "unitel").strip() == "unitel has no integration tokens."
    with pytest.raises(CommandError, match="Known providers: pronet, unitel"):
        _run("list_api_tokens", "nope")


@pytest.mark.parametrize("by", ["prefix", "id"])
def test_revoke_api_token_by_prefix_or_id(providers, client, by: str) -> None:
    secret = integration_token_issue(provider=providers["pronet"])
    token = IntegrationToken.objects.get()
    printed = _run("revoke_api_token", token.prefix if by == "prefix" else str(token.pk))
    assert "revoked" in printed
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ProviderEvent.objects.filter(type="integration_token_revoked").count() == 1
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert "already revoked" in _run("revoke_api_token", token.prefix)


def test_revoke_api_token_refuses_unknown_short_or_ambiguous_input(providers) -> None:
    integration_token_issue(provider=providers["pronet"])
    for given in ["rcl_", "rcl_doesnotexist", "999"]:
        with pytest.raises(CommandError, match="No integration token"):
            _run("revoke_api_token", given)
    for provider, prefix in (
        (providers["pronet"], "rcl_AAAA1111"),
        (providers["unitel"], "rcl_AAAA2222"),
    ):
        IntegrationToken.objects.create(provider=provider, prefix=prefix, digest=prefix)
    with pytest.raises(CommandError, match="matches several tokens"):
        _run("revoke_api_token", "rcl_AAAA")
    assert not IntegrationToken.objects.filter(revoked_at__isnull=False).exists()
