"""Provider admins list, label and revoke their own integration tokens — never another's."""

from __future__ import annotations

import pytest

from reclamo.accounts.models import User
from reclamo.providers.models import IntegrationToken, Provider, ProviderEvent
from reclamo.providers.services import integration_token_issue

CHANGELIST = "/admin/providers/integrationtoken/"


def _user(provider: Provider, username: str, role: str = User.Role.PROVIDER_ADMIN) -> User:
    return User.objects.create_user(
        username=username, password="pw-12345-long", role=role, provider=provider, is_staff=True
    )


@pytest.fixture
def tokens(db) -> dict[str, IntegrationToken]:
    pronet = Provider.objects.create(slug="pronet", name="ProNET")
    unitel = Provider.objects.create(slug="unitel", name="UNITEL")
    integration_token_issue(provider=pronet, label="pronet-crm")
    integration_token_issue(provider=unitel, label="unitel-billing")
    return {t.provider.slug: t for t in IntegrationToken.objects.select_related("provider")}


def test_a_provider_admin_lists_only_their_own_tokens(client, tokens) -> None:
    client.force_login(_user(tokens["unitel"].provider, "ua"))
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert tokens["unitel"].prefix in html and "unitel-billing" in html
    assert tokens["pronet"].prefix not in html and "pronet-crm" not in html
    # Another provider's token cannot be opened by guessing its id.
    other = client.get(f"{CHANGELIST}{tokens['pronet'].pk}/change/")
    assert other.status_code == 302 and other["Location"] == "/admin/"


def test_a_provider_admin_labels_their_own_token(client, tokens) -> None:
    client.force_login(_user(tokens["unitel"].provider, "ua"))
    token = tokens["unitel"]
    response = client.post(f"{CHANGELIST}{token.pk}/change/", {"label": "billing system"})
    assert response.status_code == 302, response.content.decode()[:3000]
    token.refresh_from_db()
    assert token.label == "billing system"
    event = ProviderEvent.objects.get(type="integration_token_labelled")
    assert event.actor == "ua" and event.data["was"] == "unitel-billing"


def test_a_provider_admin_revokes_their_own_token_but_never_anothers(client, tokens) -> None:
    client.force_login(_user(tokens["unitel"].provider, "ua"))
    response = client.post(
        CHANGELIST,
        {
            "action": "revoke",
            "_selected_action": [tokens["unitel"].pk, tokens["pronet"].pk],
        },
    )
    assert response.status_code == 302
    for token in tokens.values():
        token.refresh_from_db()
    assert tokens["unitel"].revoked_at is not None
    assert tokens["pronet"].revoked_at is None
    (event,) = ProviderEvent.objects.filter(type="integration_token_revoked")
    assert event.provider == tokens["unitel"].provider and event.actor == "ua"


def test_complaint_handlers_do_not_manage_tokens(client, tokens) -> None:
    client.force_login(_user(tokens["unitel"].provider, "uh", role=User.Role.STAFF))
    assert client.get(CHANGELIST).status_code == 403
    assert "integrationtoken" not in client.get("/admin/").content.decode()


def test_the_audit_trail_is_read_only_and_the_providers_own(client, tokens) -> None:
    client.force_login(_user(tokens["unitel"].provider, "ua"))
    html = client.get("/admin/providers/providerevent/").content.decode()
    assert tokens["unitel"].prefix in html and tokens["pronet"].prefix not in html
    event = ProviderEvent.objects.filter(provider=tokens["unitel"].provider).first()
    assert event is not None
    page = client.get(f"/admin/providers/providerevent/{event.pk}/change/")
    assert page.status_code == 200
    assert 'name="actor"' not in page.content.decode(), "no editable field"
    assert client.post(f"/admin/providers/providerevent/{event.pk}/delete/").status_code == 403


def test_the_superuser_deactivates_a_provider_through_the_audited_service(client, tokens) -> None:
    client.force_login(User.objects.create_superuser("root", "r@example.com", "pw-12345-long"))
    provider = tokens["pronet"].provider
    response = client.post(f"/admin/providers/provider/{provider.pk}/change/", {})
    assert response.status_code == 302, response.content.decode()[:3000]
    provider.refresh_from_db()
    assert provider.is_active is False
    event = ProviderEvent.objects.get(type="provider_deactivated")
    assert event.provider == provider and event.actor == "root"
