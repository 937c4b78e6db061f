"""Writes that send something to a customer: the acknowledgement and the case's other letters
(extension notice, written statement …), and a letter to a customer who has no case.

A case's letter is delivered in three short steps so that no lock is held while a gateway
answers (STYLE.md, the write path):

1. *claim*: in one transaction, lock (or create) the case's ``Delivery`` row; if it is still
   queued and due, count the attempt and push ``next_attempt_at`` a claim period ahead, so a
   second run of the same task (or a sweep) finds it in flight and sends nothing;
2. *send*: compose in the customer's language and hand it to the email or SMS backend;
3. *record*: in one transaction, mark it sent (event ``<kind>_sent``, e.g.
   ``acknowledgement_sent``), or schedule the next attempt after a growing delay
   (:data:`RETRY_DELAYS`), or — attempts used up, or no address to write to — mark it failed
   with the event ``<kind>_failed``, which staff see on the case; the row is in the admin.
   Nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.letters.acknowledgement import acknowledgement_compose, case_thread_headers
from reclamo.letters.models import Delivery
from reclamo.letters.sms import sms_send

__all__ = [
    "CLAIM_PERIOD",
    "RETRY_DELAYS",
    "DeliveryOutcome",
    "Letter",
    "acknowledgement_deliver",
    "acknowledgements_due",
    "customer_letter_send",
    "letter_deliver",
    "letters_due",
]

# The wait after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# How long an attempt in flight keeps others away; a worker that dies mid-send frees the row
# after this, and the sweep (:func:`acknowledgements_due`) picks it up again.
CLAIM_PERIOD = timedelta(minutes=10)

NO_CONTACT = "the customer gave neither an email address nor a phone number"


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What one run did; ``retry_at`` is set when another attempt must be scheduled."""

    result: Literal["sent", "retry", "failed", "skipped"]
    detail: str
    retry_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter to a customer (the acknowledgement, an extension notice, a written statement,
    an outage credit …), composed by the area that sends it; ``attachments`` are (name, bytes,
    type)."""

    subject: str
    text: str
    html: str
    sms: str
    headers: dict[str, str]
    attachments: tuple[tuple[str, bytes, str], ...] = ()


def acknowledgement_deliver(*, complaint_id: int, now: datetime | None = None) -> DeliveryOutcome:
    """Make one attempt to send a registered case's acknowledgement, if one is due.

    Idempotent: a delivery already sent, failed, or in flight is left alone (``skipped``).
    """
    return letter_deliver(
        complaint_id=complaint_id,
        kind="acknowledgement",
        compose=_acknowledgement_letter,
        now=now,
    )


def _acknowledgement_letter(complaint: Complaint) -> Letter:
    acknowledgement = acknowledgement_compose(complaint)
    return Letter(
        subject=acknowledgement.subject,
        text=acknowledgement.text,
        html=acknowledgement.html,
        sms=acknowledgement.sms,
        headers=case_thread_headers(complaint),
    )


def letter_deliver(
    *,
    complaint_id: int,
    kind: str,
    compose: Callable[[Complaint], Letter],
    now: datetime | None = None,
) -> DeliveryOutcome:
    """One attempt to send the letter ``kind`` of a case, with the acknowledgement's claim,
    retry and failure rules (events ``<kind>_sent`` / ``<kind>_failed``). Idempotent."""
    now = now or timezone.now()
    claimed = _claim(complaint_id, now, kind)
    if isinstance(claimed, DeliveryOutcome):
        return claimed
    delivery, complaint = claimed
    try:
        letter = compose(complaint)
        if delivery.channel == "sms":
            sms_send(to=delivery.to, body=letter.sms)
        else:
            _email(letter, delivery.to).send()
    except Exception as error:  # any gateway or rendering error is recorded and retried
        return _attempt_failed(delivery, complaint, f"{type(error).__name__}: {error}", now)
    with transaction.atomic(durable=True):
        Delivery.objects.select_for_update().filter(pk=delivery.pk).update(
            status="sent", sent_at=now, next_attempt_at=None, last_error="", updated_at=now
        )
        complaint_event_record(
            complaint=complaint,
            actor=Actor.system(kind),
            type=f"{kind}_sent",
            at=now,
            after={"channel": delivery.channel, "to": delivery.to, "attempts": delivery.attempts},
        )
    return DeliveryOutcome("sent", f"sent by {delivery.channel} to {delivery.to}")


def letters_due(*, now: datetime, kinds: tuple[str, ...]) -> list[tuple[int, str]]:
    """(case, kind) of every letter of ``kinds`` whose attempt is due but whose task is gone."""
    return list(
        Delivery.objects.filter(
            kind__in=kinds, status="queued", next_attempt_at__lte=now
        ).values_list("complaint_id", "kind")
    )


def acknowledgements_due(*, now: datetime) -> list[int]:
    """The cases whose acknowledgement waits for an attempt that is due (a retry whose task was
    lost, or a claim whose worker died): the sweep runs :func:`acknowledgement_deliver` on each."""
    return [complaint_id for complaint_id, _ in letters_due(now=now, kinds=("acknowledgement",))]


def _claim(
    complaint_id: int, now: datetime, kind: str
) -> tuple[Delivery, Complaint] | DeliveryOutcome:
    with transaction.atomic(durable=True):
        complaint = Complaint.objects.select_related("provider", "policy_version").get(
            pk=complaint_id
        )
        channel, to = contact_channel(complaint)
        delivery, _ = Delivery.objects.select_for_update().get_or_create(
            complaint=complaint,
            kind=kind,
            defaults={
                "channel": channel,
                "to": to,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            },
        )
        if delivery.status != "queued":
            return DeliveryOutcome("skipped", f"already {delivery.status}")
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return DeliveryOutcome("skipped", "an attempt is in flight or not yet due")
        delivery.attempts += 1
        if not delivery.channel:
            _fail(delivery, complaint, NO_CONTACT, now)
            return DeliveryOutcome("failed", NO_CONTACT)
        delivery.next_attempt_at = now + CLAIM_PERIOD
        delivery.updated_at = now
        delivery.save(update_fields=["attempts", "next_attempt_at", "updated_at"])
    return delivery, complaint


def contact_channel(complaint: Complaint) -> tuple[str, str]:
    """The customer's channel and address: email when there is one, else a text message;
    ("", "") when the case has neither."""
    if complaint.customer_email:
        return "email", complaint.customer_email
    if complaint.customer_phone:
        return "sms", complaint.customer_phone
    return "", ""


def _email(letter: Letter, to: str, connection: Any = None) -> EmailMultiAlternatives:
    # Sent by the caller without fail_silently: an error must reach it, to be recorded and retried.
    message = EmailMultiAlternatives(
        subject=letter.subject,
        body=letter.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=letter.headers,
        connection=connection,
    )
    message.attach_alternative(letter.html, "text/html")
    for name, content, mimetype in letter.attachments:
        message.attach(name, content, mimetype)
    return message


def _attempt_failed(
    delivery: Delivery, complaint: Complaint, error: str, now: datetime
) -> DeliveryOutcome:
    with transaction.atomic(durable=True):
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.attempts >= MAX_ATTEMPTS:
            _fail(delivery, complaint, error, now)
            return DeliveryOutcome("failed", error)
        retry_at = now + RETRY_DELAYS[delivery.attempts - 1]
        delivery.last_error = error
        delivery.next_attempt_at = retry_at
        delivery.updated_at = now
        delivery.save(update_fields=["last_error", "next_attempt_at", "updated_at"])
    return DeliveryOutcome("retry", error, retry_at=retry_at)


def _fail(delivery: Delivery, complaint: Complaint, error: str, now: datetime) -> None:
    delivery.status = "failed"
    delivery.last_error = error
    delivery.next_attempt_at = None
    delivery.updated_at = now
    delivery.save(
        update_fields=["status", "attempts", "last_error", "next_attempt_at", "updated_at"]
    )
    complaint_event_record(
        complaint=complaint,
        actor=Actor.system(delivery.kind),
        type=f"{delivery.kind}_failed",
        at=now,
        after={
            "channel": delivery.channel,
            "to": delivery.to,
            "attempts": delivery.attempts,
            "error": error,
        },
    )


def customer_letter_send(*, email: str, phone: str, letter: Letter, connection: Any = None) -> str:
    """Send ``letter`` to a customer who has no case (e.g. an automatic outage credit): by email
    where there is an address, else by text message. Answers the channel; raises on a gateway
    error (the caller records it) and ``ValueError`` when there is no address at all."""
    if email:
        _email(letter, email, connection=connection).send()
        return "email"
    if phone:
        sms_send(to=phone, body=letter.sms)
        return "sms"
    raise ValueError(NO_CONTACT)
