"""Letters of a case that the gateways could not deliver, and what staff do about them.

A delivery fails after its last retry, or at once when the case has no email address or phone
number (``reclamo.letters.services``); the case's timeline shows it and the console lists it.
Staff then put it back in the queue once the contact is right, or print it and record that it
went by post — either way an event on the case says who did what, and nothing is lost.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.errors import ApplicationError
from reclamo.letters.models import Delivery
from reclamo.letters.services import NO_CONTACT, contact_channel
from reclamo.providers.models import Provider


def _failed_delivery(provider: Provider, delivery_id: int) -> Delivery:
    """The failed delivery ``delivery_id`` of ``provider``'s register, locked; call inside the
    change's transaction. Another provider's is unknown (404); one not failed is a 409."""
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .filter(pk=delivery_id, complaint__provider=provider)
        .first()
    )
    if delivery is None:
        raise ApplicationError(
            "unknown_delivery", "No such letter in this register.", "delivery", status=404
        )
    if delivery.status != "failed":
        raise ApplicationError(
            "delivery_not_failed",
            "This letter has not failed: it is sent, or still being sent.",
            "delivery",
        )
    return delivery


def delivery_send_again(
    *, provider: Provider, delivery_id: int, actor: Actor, now: datetime | None = None
) -> Delivery:
    """Put a failed letter of a case back in the queue, to the customer's contact as the case
    holds it now, with a fresh count of attempts (event ``letter_resend_requested``).

    The acknowledgement's task is queued after commit; a case's other letters (extension
    notice, written statement …) are taken by the case-timers sweep, which runs every minute.
    A case with neither an email address nor a phone number is a 409 ``no_contact``: its letter
    goes by post (:func:`delivery_record_posted`).
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        delivery = _failed_delivery(provider, delivery_id)
        complaint = delivery.complaint
        channel, to = contact_channel(complaint)
        if not channel:
            raise ApplicationError("no_contact", NO_CONTACT, "delivery")
        failed = {"channel": delivery.channel, "to": delivery.to, "error": delivery.last_error}
        delivery.channel, delivery.to = channel, to
        delivery.status, delivery.attempts, delivery.last_error = "queued", 0, ""
        delivery.next_attempt_at, delivery.updated_at = now, now
        delivery.save(
            update_fields=[
                "channel",
                "to",
                "status",
                "attempts",
                "last_error",
                "next_attempt_at",
                "updated_at",
            ]
        )
        complaint_event_record(
            complaint=complaint,
            actor=actor,
            type="letter_resend_requested",
            at=now,
            before=failed,
            after={"kind": delivery.kind, "channel": channel, "to": to},
        )
        if delivery.kind == "acknowledgement":
            from reclamo.letters.tasks import acknowledgement_send  # tasks import this module

            transaction.on_commit(lambda: acknowledgement_send.enqueue(complaint.pk))
    return delivery


def delivery_record_posted(
    *, provider: Provider, delivery_id: int, actor: Actor, now: datetime | None = None
) -> Delivery:
    """Record that staff sent a failed letter of a case by post (printed, e.g. the written
    statement's PDF): the delivery is sent, by post (event ``letter_posted``)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        delivery = _failed_delivery(provider, delivery_id)
        failed = {"channel": delivery.channel, "to": delivery.to, "error": delivery.last_error}
        delivery.channel, delivery.to, delivery.status = "post", "", "sent"
        delivery.sent_at = delivery.updated_at = now
        delivery.next_attempt_at = None
        delivery.save(
            update_fields=["channel", "to", "status", "sent_at", "next_attempt_at", "updated_at"]
        )
        complaint_event_record(
            complaint=delivery.complaint,
            actor=actor,
            type="letter_posted",
            at=now,
            before=failed,
            after={"kind": delivery.kind, "channel": "post"},
        )
    return delivery
