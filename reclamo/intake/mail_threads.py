"""Joining an inbound email to the thread it belongs to: a copy of a message already taken (its
Message-ID), or a reply to a case — through In-Reply-To/References naming a stored message or
the case's acknowledgement, or the case's number in its subject."""

from __future__ import annotations

import re
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintMessage, IntakeRecord
from reclamo.complaints.services import intake_record_close
from reclamo.intake.mail_outcome import EmailOutcome, email_intake_close
from reclamo.intake.mail_storage import (
    attachment_files,
    attachment_files_drop,
    attachment_rows,
    message_row,
)
from reclamo.intake.mime import InboundEmail
from reclamo.intake.models import EmailReply
from reclamo.providers.models import Provider

__all__ = ["case_answered", "case_taken_by", "duplicate_of", "earlier_messages", "reply_join"]

# At most this many ids of In-Reply-To and References are looked up (a long thread names all).
_THREAD_IDS_LOOKED_UP = 50


def earlier_messages(provider: Provider, parsed: InboundEmail) -> dict[str, int]:
    """The case (id) of each stored message this one is (its own Message-ID: a duplicate) or
    answers (In-Reply-To, References), newest first: one indexed query for both questions."""
    ids = [parsed.message_id, *(*parsed.in_reply_to, *parsed.references)[:_THREAD_IDS_LOOKED_UP]]
    rows = (
        ComplaintMessage.objects.filter(provider=provider, message_id__in=ids)
        .order_by("-at")
        .values_list("message_id", "complaint_id")
    )
    found: dict[str, int] = {}
    for message_id, complaint_id in rows:
        if message_id is not None:
            found.setdefault(message_id, complaint_id)
    return found


def duplicate_of(
    provider: Provider, parsed: InboundEmail, earlier: dict[str, int]
) -> Complaint | bool | None:
    """The case a message with this Message-ID already went to; True for one already refused
    (answered once); None when it is new."""
    if parsed.message_id in earlier:
        return Complaint.objects.get(pk=earlier[parsed.message_id])
    if EmailReply.objects.filter(provider=provider, answers_message_id=parsed.message_id).exists():
        return True
    return None


# The acknowledgement's Message-ID and References carry the case (case_thread_headers).
_THREAD_ID = re.compile(r"^<(?:case|acknowledgement)\.(?P<number>[^<>@\s]+)\.(?P<slug>[^.<>@\s]+)@")
_NUMBER_IN_SUBJECT = re.compile(r"\b[A-Z]{1,8}-\d{4}-\d{1,12}\b")


def case_answered(
    provider: Provider, parsed: InboundEmail, earlier: dict[str, int]
) -> Complaint | None:
    """The provider's case this message answers: a stored message it replies to, the case's
    acknowledgement it replies to, or a case number in its subject."""
    ids = (*parsed.in_reply_to, *parsed.references)
    answered = next((earlier[i] for i in earlier if i != parsed.message_id), None)
    if answered is not None:
        return Complaint.objects.get(pk=answered)
    numbers = [
        match["number"]
        for match in (_THREAD_ID.match(value) for value in ids)
        if match is not None and match["slug"] == provider.slug
    ]
    numbers.extend(_NUMBER_IN_SUBJECT.findall(parsed.subject))
    if not numbers:
        return None
    return Complaint.objects.filter(provider=provider, number__in=numbers[:10]).first()


def case_taken_by(provider: Provider, parsed: InboundEmail) -> Complaint | None:
    """The case that took a message with this Message-ID (a copy that won the race)."""
    taken = ComplaintMessage.objects.filter(provider=provider, message_id=parsed.message_id).first()
    return taken.complaint if taken is not None else None


def reply_join(
    provider: Provider,
    intake: IntakeRecord,
    parsed: InboundEmail,
    complaint: Complaint,
    received_at: datetime,
) -> EmailOutcome:
    """Add the reply to its case with an audit event; a Message-ID taken meanwhile (the same
    message arriving twice at once) is a duplicate."""
    result = EmailOutcome("joined", 200, complaint.number, intake_id=intake.pk)
    files = attachment_files(parsed, intake)
    try:
        with transaction.atomic(durable=True):
            message = message_row(provider, complaint, intake, parsed, received_at)
            attachment_rows(files, complaint)
            complaint_event_record(
                complaint=complaint,
                actor=Actor.customer(parsed.sender),
                type="message_received",
                at=timezone.now(),
                after={
                    "channel": "email",
                    "from": parsed.sender,
                    "subject": parsed.subject,
                    "message": message.pk,
                    "received_at": received_at.isoformat(),
                },
            )
            intake_record_close(
                intake=intake,
                outcome="joined",
                complaint=complaint,
                response_status=200,
                response_body=result.answer(),
            )
    except IntegrityError:
        attachment_files_drop(files)
        return email_intake_close(
            intake, "duplicate", 200, complaint=case_taken_by(provider, parsed)
        )
    return result
