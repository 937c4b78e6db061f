"""The customer portal as an intake channel: a signed-in customer's reply to one of their cases.

Like every submission it is logged first (the intake log's outcome "joined": added to an
existing case), then stored as the case's inbound message with its audit event, in one
transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from reclamo.accounts.models import User
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintMessage
from reclamo.complaints.services import intake_record_close, intake_record_open

__all__ = ["portal_reply_receive"]


def portal_reply_receive(
    *, complaint: Complaint, user: User, body: str, address: str, now: datetime | None = None
) -> ComplaintMessage:
    """Add the customer's reply ``body`` to ``complaint`` (the caller has checked that the case
    is the customer's), with the event "message_received"."""
    now = now or timezone.now()
    intake = intake_record_open(
        provider=complaint.provider,
        channel="portal",
        received_at=now,
        source_label=address,
        payload={"complaint": complaint.number, "user": user.get_username(), "body": body},
        content_type="text/plain",
    )
    with transaction.atomic(durable=True):
        message = ComplaintMessage.objects.create(
            provider=complaint.provider,
            complaint=complaint,
            direction="in",
            channel="portal",
            at=now,
            sender=user.email,
            subject=f"Re: {complaint.number} {complaint.subject}"[:300],
            body_text=body,
            intake=intake,
        )
        complaint_event_record(
            complaint=complaint,
            actor=Actor.customer(user.get_username(), user),
            type="message_received",
            at=now,
            after={"message": message.pk, "direction": "in", "channel": "portal"},
        )
        intake_record_close(intake=intake, outcome="joined", complaint=complaint)
    return message
