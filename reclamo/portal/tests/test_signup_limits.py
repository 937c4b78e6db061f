"""Portal sign-up mails are limited per address and per client address, with a clear message;
the limit reveals nothing about who has an account."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from reclamo.portal.models import SignupMail
from reclamo.providers.models import Provider

URL = "/en/portal/signup/pronet/"


def _ask(client: Client, email: str, address: str = "198.51.100.7") -> Any:
    return client.post(URL, {"name": "Ana Popescu", "email": email}, REMOTE_ADDR=address)


@override_settings(RECLAMO_PORTAL_SIGNUP_LIMIT_PER_EMAIL=3)
def test_one_address_gets_at_most_three_sign_up_mails_an_hour(
    client: Client, bundled_providers: dict[str, Provider]
) -> None:
    for index in range(3):
        # From different connections: the limit is the address's, whoever asks.
        response = _ask(client, "Ana@Example.ro", address=f"198.51.100.{index}")
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    refused = _ask(client, "ana@example.ro", address="203.0.113.9")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "already sent several sign-up emails to this address" in text
    assert "60 minutes" in text
    assert len(mail.outbox) == 3  # no fourth mail
    # An hour later the address may ask again.
    SignupMail.objects.update(sent_at=timezone.now() - timedelta(hours=1, seconds=1))
    assert _ask(client, "ana@example.ro").status_code == 302
    assert len(mail.outbox) == 4


@override_settings(RECLAMO_PORTAL_SIGNUP_LIMIT_PER_CLIENT=4)
def test_one_client_may_ask_for_a_limited_number_of_sign_up_mails(
    client, bundled_providers
) -> None:
    for index in range(4):
        assert _ask(client, f"person{index}@example.ro").status_code == 302
    refused = _ask(client, "person9@example.ro")
    assert refused.status_code == 429
    assert "many sign-up requests from your connection" in refused.content.decode()
    assert len(mail.outbox) == 4
    # Another connection is not held back by this one.
    assert _ask(client, "person9@example.ro", address="192.0.2.1").status_code == 302
