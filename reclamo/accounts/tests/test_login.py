"""Signing in: throttled after repeated failures, per user name and address."""

from __future__ import annotations

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
