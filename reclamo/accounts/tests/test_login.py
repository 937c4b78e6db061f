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
