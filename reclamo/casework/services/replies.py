"""Notes and replies: the staff's internal notes on a case, and the replies emailed to the
customer so that their answer threads back into the case."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction

from reclamo.accounts.models import User
from reclamo.casework.models import CaseNote
from reclamo.casework.services.case import now_or_current
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintMessage
from reclamo.errors import ApplicationError
from reclamo.letters.acknowledgement import case_thread_headers

__all__ = ["note_add", "reply_send"]


def note_add(
    *, complaint: Complaint, user: User, text: str, now: datetime | None = None
) -> CaseNote:
    """An internal note (staff only; never sent to the customer)."""
    text = text.strip()
    if not text:
        raise ApplicationError("note_empty", "Write the note first.", "text", status=422)
    now = now_or_current(now)
    with transaction.atomic(durable=True):
        note = CaseNote.objects.create(complaint=complaint, at=now, author=user, text=text)
        complaint_event_record(
            complaint=complaint, actor=Actor.staff(user), type="note_added", at=now
        )
    return note


def reply_send(
    *, complaint: Complaint, user: User, subject: str, body: str, now: datetime | None = None
) -> ComplaintMessage:
    """Email a reply to the customer. The subject carries the case number and the headers
    reference the case, so the customer's answer threads back in through the email channel."""
    from reclamo.casework.tasks import reply_deliver  # the task module imports this one

    body = body.strip()
    if not body:
        raise ApplicationError("reply_empty", "Write the reply first.", "body", status=422)
    if not complaint.customer_email:
        raise ApplicationError(
            "no_customer_email",
            "The customer gave no email address; write to them by post.",
            "body",
            status=422,
        )
    now = now_or_current(now)
    subject = (subject.strip() or complaint.subject)[:250]
    if complaint.number not in subject:
        subject = f"[{complaint.number}] {subject}"
    # Threaded like the case's letters: a Message-ID of its own, a reference to the case.
    thread = case_thread_headers(complaint, f"reply.{uuid.uuid4().hex}")
    with transaction.atomic(durable=True):
        message = ComplaintMessage.objects.create(
            provider=complaint.provider,
            complaint=complaint,
            direction="out",
            channel="email",
            at=now,
            sender=settings.DEFAULT_FROM_EMAIL,
            recipients=complaint.customer_email,
            subject=subject,
            body_text=body,
            message_id=thread["Message-ID"],
            in_reply_to=thread["References"],
            author=user,
        )
        complaint_event_record(
            complaint=complaint,
            actor=Actor.staff(user),
            type="reply_sent",
            at=now,
            after={"to": complaint.customer_email, "subject": subject},
        )
        message_id = message.pk
        transaction.on_commit(lambda: reply_deliver.enqueue(message_id))
    return message
