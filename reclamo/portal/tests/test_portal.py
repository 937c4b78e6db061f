"""The customer portal: sign-up with a confirmed address, a customer's own cases and nobody
else's (every URL), filing, replying, letters, password reset, the language notice."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reclamo.accounts.models import User
from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.complaints.models import Complaint, ComplaintEvent, ComplaintMessage, IntakeRecord
from reclamo.customers.models import Customer


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "form_token": uuid.uuid4().hex,
        "kind": "complaint",
        "category": "billing",
        "name": "Ana Popescu",
        "email": "ana@example.ro",
        "subject": "Factură dublă",
        "body": "Am fost facturată de două ori.",
    }
    return {**data, **overrides}


def _file(client, slug: str, **overrides: Any) -> Complaint:  # type: ignore[no-untyped-def]
    """A case filed on the public web form (the visitor is not signed in)."""
    response = client.post(f"/en/p/{slug}/complaint/", _form(**overrides))
    assert response.status_code == 303, response.content.decode()[:2000]
    return Complaint.objects.order_by("-id").first()  # type: ignore[return-value]


def _link(pattern: str) -> str:
    found = re.search(pattern, str(mail.outbox[-1].body))
    assert found is not None, mail.outbox[-1].body
    return found.group(0).removeprefix("http://localhost:8000")


def _sign_up(client, slug: str, email: str, name: str = "Ana Popescu") -> User:  # type: ignore[no-untyped-def]
    response = client.post(f"/en/portal/signup/{slug}/", {"name": name, "email": email})
    assert response.status_code == 302
    confirm = _link(r"http://\S+/portal/signup/confirm/\S+/")
    assert client.get(confirm).status_code == 200
    password = "a-Long-enough-secret-7"
    done = client.post(confirm, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done["Location"] == "/en/portal/"
    return User.objects.get(username=email)


def test_sign_up_confirms_the_address_and_binds_the_login_to_the_customer(
    client, bundled_providers
) -> None:
    earlier = _file(client, "pronet", email="Ana@Example.ro")
    user = _sign_up(client, "pronet", "ana@example.ro")
    assert user.role == User.Role.CUSTOMER and user.provider == bundled_providers["pronet"]
    customer = Customer.objects.get(user=user)
    assert earlier.customer == customer  # the web form's customer record, matched by address
    home = client.get("/en/portal/")
    assert home.status_code == 200 and earlier.number in home.content.decode()


def test_nothing_is_created_before_the_link_is_opened_and_links_are_checked(
    client, bundled_providers
) -> None:
    client.post("/en/portal/signup/unitel/", {"name": "Ján", "email": "jan@example.sk"})
    assert not User.objects.filter(username="jan@example.sk").exists()
    confirm = _link(r"http://\S+/portal/signup/confirm/\S+/")
    assert client.get(confirm[:-6] + "xxxxx/").status_code == 400  # a forged link
    # A second sign-up with an address that has an account tells its owner, not the visitor.
    _sign_up(client, "unitel", "jan@example.sk", "Ján")
    client.logout()
    answer = client.post("/en/portal/signup/unitel/", {"name": "X", "email": "JAN@example.sk"})
    assert answer.status_code == 302 and answer["Location"] == "/en/portal/signup/sent/"
    assert "already has an account" in mail.outbox[-1].body
    assert User.objects.filter(username="jan@example.sk").count() == 1
    # The old confirmation link opens no second account.
    assert "already open" in client.get(confirm).content.decode()


def test_a_customer_sees_only_their_own_cases_on_every_portal_url(
    client, bundled_providers
) -> None:
    mine = _file(client, "pronet", email="ana@example.ro")
    other_customer = _file(client, "pronet", email="ion@example.ro", name="Ion")
    other_provider = _file(client, "unitel", email="ana@example.ro")
    _sign_up(client, "pronet", "ana@example.ro")
    assert other_provider.number != mine.number
    urls = [
        "/en/portal/complaints/{}/",
        "/en/portal/complaints/{}/acknowledgement.txt",
        "/en/portal/complaints/{}/statement.pdf",
    ]
    for url in urls[:1]:
        assert client.get(url.format(mine.number)).status_code == 200
    for number in (other_customer.number, other_provider.number, "PN-2099-000001"):
        for url in urls:
            assert client.get(url.format(number)).status_code == 404, (url, number)
        reply = client.post(f"/en/portal/complaints/{number}/reply/", {"body": "hello"})
        assert reply.status_code == 404
    assert not ComplaintMessage.objects.exists()
    home = client.get("/en/portal/").content.decode()
    assert mine.number in home
    assert other_customer.number not in home and other_provider.number not in home


def test_the_case_list_and_page_cost_a_fixed_number_of_queries(client, bundled_providers) -> None:
    for _ in range(3):
        _file(client, "pronet", email="ana@example.ro")
    _sign_up(client, "pronet", "ana@example.ro")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/portal/")
    _file(client, "pronet", email="ana@example.ro")
    with CaptureQueriesContext(connection) as more:
        client.get("/en/portal/")
    assert len(more) == len(few) <= 8
    number = Complaint.objects.order_by("-id").first().number  # type: ignore[union-attr]
    with CaptureQueriesContext(connection) as page:
        assert client.get(f"/en/portal/complaints/{number}/").status_code == 200
    assert len(page) <= 12


def test_filing_and_replying_in_the_portal(
    client, bundled_providers, django_capture_on_commit_callbacks
) -> None:
    user = _sign_up(client, "pronet", "ana@example.ro")
    form = client.get("/en/portal/complaints/new/")
    assert 'value="ana@example.ro"' in form.content.decode()  # contact data prefilled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/portal/complaints/new/", _form(category="quality"))
    assert response.status_code == 303
    complaint = Complaint.objects.get()
    assert response["Location"] == f"/en/portal/complaints/{complaint.number}/"
    assert complaint.channel == "portal" and complaint.department == "technical"
    assert complaint.customer == Customer.objects.get(user=user)
    assert complaint.created_by_type == "customer" and complaint.created_by_user == user
    page = client.get(response["Location"]).content.decode()
    assert "Acknowledgement sent to ana@example.ro" in page
    assert "acknowledgement.txt" in page and "statement.pdf" not in page
    letter = client.get(f"/en/portal/complaints/{complaint.number}/acknowledgement.txt")
    assert letter.status_code == 200 and complaint.number in letter.content.decode()
    reply = client.post(
        f"/en/portal/complaints/{complaint.number}/reply/", {"body": "Still not fixed."}
    )
    assert reply.status_code == 303
    message = ComplaintMessage.objects.get()
    assert (message.direction, message.channel, message.body_text) == (
        "in",
        "portal",
        "Still not fixed.",
    )
    event = ComplaintEvent.objects.get(type="message_received")
    assert event.actor_type == "customer" and event.actor_user == user
    assert message.intake is not None and message.intake.outcome == "joined"
    assert "Still not fixed." in client.get(reply["Location"]).content.decode()
    empty = client.post(f"/en/portal/complaints/{complaint.number}/reply/", {"body": ""})
    assert empty.status_code == 400 and ComplaintMessage.objects.count() == 1


def test_visitors_sign_in_first_and_staff_are_told_the_portal_is_for_customers(
    client, bundled_providers
) -> None:
    answer = client.get("/en/portal/")
    assert answer.status_code == 302 and answer["Location"].startswith("/en/accounts/login/")
    client.force_login(ProviderStaffFactory(provider=bundled_providers["pronet"]))
    assert client.get("/en/portal/").status_code == 403


def test_password_reset_by_mail(client, bundled_providers) -> None:
    _sign_up(client, "pronet", "ana@example.ro")
    client.logout()
    sent = client.post("/ro/portal/password-reset/", {"email": "ana@example.ro"})
    assert sent.status_code == 302
    link = _link(r"http://\S+/portal/password-reset/\S+/\S+/")
    assert link.startswith("/ro/portal/password-reset/")
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    password = "another-Long-secret-9"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    signed_in = client.post(
        "/en/accounts/login/", {"username": "ana@example.ro", "password": password}
    )
    assert signed_in.status_code == 302  # the sign-in page (and its throttling) takes it


def test_the_unitel_portal_shows_the_language_notice_in_hungarian(
    client, bundled_providers
) -> None:
    _sign_up(client, "unitel", "janos@example.sk", "Kovács János")
    html = client.get("/hu/portal/").content.decode()
    assert "A panaszkezelés jelenleg kizárólag szlovák nyelven érhető el." in html
    assert '<html lang="hu">' in html


def test_intake_log_keeps_portal_filings(client, bundled_providers) -> None:
    _sign_up(client, "pronet", "ana@example.ro")
    client.post("/en/portal/complaints/new/", _form(subject=""))
    intake = IntakeRecord.objects.get()
    assert intake.channel == "portal" and intake.outcome == "failed"
