"""The console's list of undelivered letters: staff see their provider's failed letters, act on
those they may work, and nobody reaches another provider's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reclamo.accounts.models import User
from reclamo.accounts.tests.factories import ProviderStaffFactory, UserFactory
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.console.tests.conftest import case_register
from reclamo.letters.models import Delivery
from reclamo.providers.models import Provider

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2026, 11, 20, 9, tzinfo=UTC)


def _failed_letter(provider: Provider, kind: str = "statement", **case: object) -> Delivery:
    complaint = case_register(provider, received_at=RECEIVED, **case)  # type: ignore[arg-type]
    now = timezone.now()
    return Delivery.objects.create(
        complaint=complaint,
        kind=kind,
        channel="email",
        to="ana@example.ro",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: {'ana@example.ro': (550, b'No such user')}",
        created_at=now,
        updated_at=now,
    )


def _page(client, provider: Provider):  # type: ignore[no-untyped-def]
    return client.get(
        reverse("console:undelivered", args=[provider.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )


def test_staff_see_the_failed_letter_with_why_and_send_it_again(staff_client, pronet) -> None:
    letter = _failed_letter(pronet)
    page = _page(staff_client, pronet)
    text = page.content.decode()
    assert page.status_code == 200
    assert letter.complaint.number in text and "No such user" in text
    assert "Statement to print (PDF)" in text and "Send again" in text
    answer = staff_client.post(
        reverse("console:case_letter_act", args=[pronet.slug, letter.pk, "again"]), follow=True
    )
    assert "the letter will be sent again" in answer.content.decode()
    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == ("queued", 0)
    event = ComplaintEvent.objects.get(type="letter_resend_requested")
    assert event.actor_type == "staff"
    assert (
        "Every letter of a case has been delivered." in _page(staff_client, pronet).content.decode()
    )


def test_a_letter_recorded_as_posted_leaves_the_list(staff_client, pronet) -> None:
    letter = _failed_letter(pronet, kind="acknowledgement")
    staff_client.post(reverse("console:case_letter_act", args=[pronet.slug, letter.pk, "posted"]))
    letter.refresh_from_db()
    assert (letter.status, letter.channel) == ("sent", "post")
    page = _page(staff_client, pronet).content.decode()
    assert "recorded as sent by post" in page  # the message, once
    assert "Every letter of a case has been delivered." in page


def test_an_auditor_reads_the_list_but_cannot_act(client, pronet) -> None:
    letter = _failed_letter(pronet)
    client.force_login(UserFactory(provider=pronet, role=User.Role.AUDITOR))
    page = _page(client, pronet)
    assert page.status_code == 200 and letter.complaint.number in page.content.decode()
    assert "Send again" not in page.content.decode()
    refused = client.post(
        reverse("console:case_letter_act", args=[pronet.slug, letter.pk, "again"])
    )
    assert refused.status_code == 403
    assert Delivery.objects.get(pk=letter.pk).status == "failed"


def test_another_providers_letter_is_a_404_and_not_listed(
    client, pronet, bundled_providers
) -> None:
    letter = _failed_letter(pronet)
    unitel = bundled_providers["unitel"]
    client.force_login(ProviderStaffFactory(provider=unitel))
    assert letter.complaint.number not in _page(client, unitel).content.decode()
    # Their own console, another provider's letter id: unknown.
    answer = client.post(reverse("console:case_letter_act", args=[unitel.slug, letter.pk, "again"]))
    assert answer.status_code == 404
    # Another provider's console: a 404 too.
    assert _page(client, pronet).status_code == 404
    assert Delivery.objects.get(pk=letter.pk).status == "failed"


def test_the_page_costs_the_same_queries_for_two_or_eight_letters(staff_client, pronet) -> None:
    counts = []
    for total in (2, 8):
        while Delivery.objects.filter(status="failed").count() < total:
            _failed_letter(pronet, name=f"Client {Complaint.objects.count()}")
        with CaptureQueriesContext(connection) as queries:
            assert _page(staff_client, pronet).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
