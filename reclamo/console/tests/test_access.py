"""Who may open the console: staff of the provider only; another provider's case is a 404."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from reclamo.accounts.tests.factories import (
    ProviderAdminFactory,
    ProviderStaffFactory,
    SuperuserFactory,
    UserFactory,
)
from reclamo.console.tests.conftest import case_register

RECEIVED = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)


def _urls(slug: str, number: str) -> list[str]:
    return [
        reverse("console:register", args=[slug]),
        reverse("console:export", args=[slug]),
        reverse("console:case", args=[slug, number]),
        reverse("console:desk", args=[slug]),
    ]


@pytest.fixture
def case(pronet):  # type: ignore[no-untyped-def]
    return case_register(pronet, received_at=RECEIVED)


def test_anonymous_visitors_are_sent_to_sign_in(client, case) -> None:
    for url in [reverse("console:home"), *_urls("pronet", case.number)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_a_customer_gets_the_forbidden_page(client, case, pronet) -> None:
    client.force_login(UserFactory(provider=pronet))
    for url in [reverse("console:home"), *_urls("pronet", case.number)]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Not for this account" in response.content


def test_another_providers_staff_get_a_404_on_every_console_url(client, case, bundled_providers):
    client.force_login(ProviderStaffFactory(provider=bundled_providers["unitel"]))
    # ProNet's pages, and ProNet's case number under the handler's own provider.
    for url in [
        *_urls("pronet", case.number),
        reverse("console:case", args=["unitel", case.number]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("console:desk", args=["pronet"]), {}).status_code == 404


def test_staff_and_admins_reach_their_own_register(client, case, pronet) -> None:
    for user in (ProviderStaffFactory(provider=pronet), ProviderAdminFactory(provider=pronet)):
        client.force_login(user)
        home = client.get(reverse("console:home"))
        assert home["Location"] == reverse("console:register", args=["pronet"])
        for url in _urls("pronet", case.number):
            assert client.get(url).status_code == 200, url


def test_the_superuser_chooses_a_provider(client, case, bundled_providers) -> None:
    client.force_login(SuperuserFactory())
    home = client.get(reverse("console:home"))
    assert home.status_code == 200
    for slug in bundled_providers:
        assert reverse("console:register", args=[slug]).encode() in home.content
    assert client.get(reverse("console:case", args=["pronet", case.number])).status_code == 200
