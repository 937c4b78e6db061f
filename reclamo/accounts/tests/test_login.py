"""Signing in: throttled after repeated failures, per user name and address."""

from __future__ import annotations

from typing import Any

import pytest

from reclamo.accounts.models import User

LOGIN = "/en/accounts/login/"


@pytest.fixture
def user(db) -> User:  # type: ignore[no-untyped-def]
    return User.objects.create_user(username="eva", password="right-password-123")


def test_a_correct_password_signs_in(client, user: User) -> None:
    response = client.post(LOGIN, {"username": "eva", "password": "right-password-123"})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_five_failures_lock_the_user_name_even_for_the_right_password(client, user: User) -> None:
    for _ in range(5):
        failed = client.post(LOGIN, {"username": "eva", "password": "wrong"})
        assert failed.status_code in {200, 429}
    locked = client.post(LOGIN, {"username": "eva", "password": "right-password-123"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_form_needs_a_csrf_token(user: User) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "eva", "password": "right-password-123"})
    assert response.status_code == 403


def test_choosing_a_language_while_signed_in_saves_it_as_the_users_setting(
    client, user: User
) -> None:
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "hu", "next": "/en/"})
    assert response.status_code == 302 and response["Location"] == "/hu/"
    user.refresh_from_db()
    assert user.language == "hu"
    # Another browser, with no language cookie, starts in the saved language.
    from django.test import Client

    other = Client()
    other.force_login(user)
    assert "django_language" not in other.cookies
    assert other.get("/", headers={"Accept-Language": "en"})["Location"] == "/hu/"


def test_choosing_a_language_anonymously_only_sets_the_cookie(client, db) -> None:
    response = client.post("/i18n/setlang/", {"language": "sk", "next": "/en/p/unitel/"})
    assert response["Location"] == "/sk/p/unitel/"
    assert client.cookies["django_language"].value == "sk"


def test_an_unknown_language_changes_nothing(client, user: User) -> None:
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/en/"})
    user.refresh_from_db()
    assert user.language == ""


@pytest.mark.parametrize("proxies", [1, 2])
def test_behind_trusted_proxies_a_lock_out_keys_on_the_client_not_the_proxy(
    client, user: User, settings, proxies: int
) -> None:
    settings.RECLAMO_TRUSTED_PROXY_COUNT = proxies
    chain = ", ".join(["10.0.0.7"] * (proxies - 1))

    def through_proxy(client_address: str) -> Any:
        forwarded = f"{client_address}, {chain}" if chain else client_address
        # The client may prepend anything; only the last `proxies` entries were written by us.
        return {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": f"6.6.6.6, {forwarded}"}

    for _ in range(5):
        client.post(LOGIN, {"username": "eva", "password": "wrong"}, **through_proxy("203.0.113.5"))
    attacker = client.post(
        LOGIN, {"username": "eva", "password": "right-password-123"}, **through_proxy("203.0.113.5")
    )
    assert attacker.status_code == 429
    from django.test import Client

    colleague = Client().post(
        LOGIN,
        {"username": "eva", "password": "right-password-123"},
        **through_proxy("198.51.100.7"),
    )
    assert colleague.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_header_changes_nothing(
    client, user: User, settings
) -> None:
    settings.RECLAMO_TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        client.post(
            LOGIN,
            {"username": "eva", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    locked = client.post(
        LOGIN,
        {"username": "eva", "password": "right-password-123"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert locked.status_code == 429


@pytest.mark.parametrize("language", ["en", "ro", "sk", "hu"])
def test_the_sign_in_page_says_whom_it_is_for_and_does_not_link_to_itself(
    client, db, language: str
) -> None:
    html = client.get(f"/{language}/accounts/login/").content.decode()
    assert html.count('href="/' + language + '/accounts/login/"') == 0
    assert 'class="lead"' in html
    if language == "hu":
        # Customers of the portal sign in here too; making a complaint needs no account.
        assert "az ügyfélportálra regisztrált ügyfeleknek" in html
        assert "Panasz benyújtásához nincs szükség fiókra" in html
    assert f'href="/{language}/portal/password-reset/"' in html
    # Elsewhere the header offers it.
    assert f'href="/{language}/accounts/login/"' in client.get(f"/{language}/").content.decode()
