"""Letters the gateways could not deliver: staff send them again, or record a posted copy; every
step is an event on the case, and another provider's letters are out of reach."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.errors import ApplicationError
from reclamo.letters.models import Delivery
from reclamo.letters.selectors import deliveries_failed
from reclamo.letters.services import acknowledgement_deliver, letters_due
from reclamo.letters.undelivered import delivery_record_posted, delivery_send_again

pytestmark = pytest.mark.django_db


def _failed(register_case, **contact: str) -> tuple[Complaint, Delivery]:  # type: ignore[no-untyped-def]
    complaint = register_case(**contact)
    assert acknowledgement_deliver(complaint_id=complaint.pk).result == "failed"
    return complaint, Delivery.objects.get(complaint=complaint)


def _staff(complaint: Complaint) -> Actor:
    return Actor.staff(ProviderStaffFactory(provider=complaint.provider))  # type: ignore[arg-type]


def test_a_failed_acknowledgement_is_sent_again_to_the_contact_the_case_now_holds(
    register_case, django_capture_on_commit_callbacks
) -> None:
    complaint, delivery = _failed(register_case, email="", phone="")
    assert list(deliveries_failed(provider=complaint.provider)) == [delivery]
    Complaint.objects.filter(pk=complaint.pk).update(customer_email="ana.popescu@example.ro")
    actor = _staff(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        again = delivery_send_again(
            provider=complaint.provider, delivery_id=delivery.pk, actor=actor
        )
    assert (again.channel, again.to, again.attempts) == ("email", "ana.popescu@example.ro", 0)
    # The acknowledgement's task ran after commit and sent it.
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    assert [message.to for message in mail.outbox] == [["ana.popescu@example.ro"]]
    event = ComplaintEvent.objects.get(complaint=complaint, type="letter_resend_requested")
    assert event.actor_user == actor.user
    assert event.data["before"]["error"] and event.data["after"]["kind"] == "acknowledgement"
    assert list(deliveries_failed(provider=complaint.provider)) == []


def test_a_case_with_no_address_cannot_be_sent_again_but_can_be_recorded_as_posted(
    register_case,
) -> None:
    complaint, delivery = _failed(register_case, email="", phone="")
    with pytest.raises(ApplicationError) as refused:
        delivery_send_again(
            provider=complaint.provider, delivery_id=delivery.pk, actor=_staff(complaint)
        )
    assert refused.value.code == "no_contact"
    assert Delivery.objects.get(pk=delivery.pk).status == "failed"  # nothing changed
    posted = delivery_record_posted(
        provider=complaint.provider, delivery_id=delivery.pk, actor=_staff(complaint)
    )
    assert (posted.status, posted.channel, posted.get_channel_display()) == ("sent", "post", "Post")
    assert posted.sent_at is not None
    assert ComplaintEvent.objects.filter(complaint=complaint, type="letter_posted").exists()
    # Posted is sent: it cannot be posted or sent again.
    with pytest.raises(ApplicationError) as again:
        delivery_record_posted(
            provider=complaint.provider, delivery_id=delivery.pk, actor=_staff(complaint)
        )
    assert (again.value.code, again.value.status) == ("delivery_not_failed", 409)


def test_another_providers_letter_is_unknown(register_case, bundled_providers) -> None:
    complaint, delivery = _failed(register_case, email="", phone="")
    other = bundled_providers["unitel"]
    for service in (delivery_send_again, delivery_record_posted):
        with pytest.raises(ApplicationError) as refused:
            service(provider=other, delivery_id=delivery.pk, actor=_staff(complaint))
        assert (refused.value.code, refused.value.status) == ("unknown_delivery", 404)
    assert list(deliveries_failed(provider=other)) == []
    assert Delivery.objects.get(pk=delivery.pk).status == "failed"


def test_a_statement_sent_again_is_taken_by_the_case_timers_sweep(register_case) -> None:
    complaint = register_case()
    now = timezone.now()
    statement = Delivery.objects.create(
        complaint=complaint,
        kind="statement",
        channel="email",
        to="old@example.ro",
        status="failed",
        attempts=5,
        last_error="SMTPRecipientsRefused: old@example.ro",
        created_at=now,
        updated_at=now,
    )
    assert letters_due(now=now, kinds=("statement",)) == []
    delivery_send_again(
        provider=complaint.provider, delivery_id=statement.pk, actor=_staff(complaint), now=now
    )
    assert letters_due(now=now, kinds=("statement",)) == [(complaint.pk, "statement")]
    statement.refresh_from_db()
    assert (statement.to, statement.last_error) == ("ana@example.ro", "")
