from __future__ import annotations

import pytest

from reclamo.accounts.tests.factories import UserFactory
from reclamo.providers.tests.factories import PolicyVersionFactory

# One query for the active providers, whatever their number (an anonymous visit reads no session).
HOME_QUERIES = 1

HEADINGS = {
    "en": "Complaint handling",
    "ro": "Soluționarea reclamațiilor",
    "sk": "Vybavovanie reklamácií",
    "hu": "Panaszkezelés",
}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_home_lists_every_provider_in_the_language_of_the_url(
    client, bundled_providers, language: str
) -> None:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{HEADINGS[language]}</h1>" in html
    for slug in ("pronet", "unitel", "petrocomp"):
        assert f'href="/{language}/p/{slug}/"' in html


@pytest.mark.parametrize("providers", [1, 3, 10])
def test_home_page_makes_the_same_queries_for_any_number_of_providers(
    client, db, django_assert_num_queries, providers: int
) -> None:
    made = PolicyVersionFactory.create_batch(providers)
    with django_assert_num_queries(HOME_QUERIES):
        html = client.get("/en/").content.decode()
    for version in made:
        assert f'href="/en/p/{version.provider.slug}/"' in html


def test_a_signed_in_users_language_setting_chooses_the_language(client, bundled_providers) -> None:
    client.force_login(UserFactory(language="ro"))
    response = client.get("/", headers={"Accept-Language": "hu"})
    assert response.status_code == 302
    assert response["Location"] == "/ro/"


def test_without_a_setting_the_browser_language_chooses(client, bundled_providers) -> None:
    response = client.get("/", headers={"Accept-Language": "sk,en;q=0.5"})
    assert response["Location"] == "/sk/"


def test_the_url_language_wins_over_the_users_setting(client, bundled_providers) -> None:
    client.force_login(UserFactory(language="ro"))
    assert '<html lang="hu">' in client.get("/hu/").content.decode()


@pytest.mark.django_db
def test_an_unknown_provider_is_404(client) -> None:
    assert client.get("/en/p/nobody/").status_code == 404
