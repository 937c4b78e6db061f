"""Automatic answers to refused emails (PC-2, PC-9; an attachment over the limits; an empty
message): queued in the refusing step, sent after commit by a task, once per Message-ID.

The answer is marked ``Auto-Submitted: auto-replied`` (RFC 3834) and threads to the message it
answers, so a well-behaved mail system never answers it back; auto-replies and bounces are
never answered at all (reclamo.intake.mail), so no loop can start.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from reclamo.complaints.models import IntakeRecord
from reclamo.intake.mime import InboundEmail
from reclamo.intake.models import EmailReply
from reclamo.providers.models import Provider

__all__ = ["MAX_ATTEMPTS", "email_replies_due", "email_reply_deliver", "email_reply_queue"]

MAX_ATTEMPTS = 5
# An attempt whose task was lost is tried again by the sweep after this.
RETRY_AFTER = timedelta(minutes=5)


def email_reply_queue(
    *, provider: Provider, intake: IntakeRecord, parsed: InboundEmail, message: str
) -> EmailReply | None:
    """Queue the answer to ``parsed`` (sent after commit); None when this Message-ID was
    answered before."""
    from reclamo.intake.tasks import email_reply_send

    subject = parsed.subject or provider.name
    try:
        with transaction.atomic(durable=True):
            reply = EmailReply.objects.create(
                provider=provider,
                intake=intake,
                answers_message_id=parsed.message_id,
                to=parsed.sender[:254],
                subject=(subject if subject.lower().startswith("re:") else f"Re: {subject}")[:300],
                body=message,
                created_at=timezone.now(),
            )
            reply_id = reply.pk
            transaction.on_commit(lambda: email_reply_send.enqueue(reply_id))
    except IntegrityError:
        return None
    return reply


def email_reply_deliver(*, reply_id: int, now: datetime | None = None) -> str:
    """Make one attempt to send a queued answer; one already sent or failed is left alone."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        reply = EmailReply.objects.select_for_update().filter(pk=reply_id).first()
        if reply is None or reply.status != "queued":
            return "skipped"
        reply.attempts += 1
        reply.save(update_fields=["attempts"])
    message = EmailMessage(
        subject=reply.subject,
        body=reply.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reply.to],
        headers={
            "Auto-Submitted": "auto-replied",
            "In-Reply-To": reply.answers_message_id,
            "References": reply.answers_message_id,
            "X-Auto-Response-Suppress": "All",
        },
    )
    try:
        message.send()
    except Exception as error:  # a gateway error is recorded and retried by the sweep
        status = "failed" if reply.attempts >= MAX_ATTEMPTS else "queued"
        EmailReply.objects.filter(pk=reply.pk).update(
            status=status, last_error=f"{type(error).__name__}: {error}"
        )
        return status
    EmailReply.objects.filter(pk=reply.pk).update(status="sent", sent_at=now, last_error="")
    return "sent"


def email_replies_due(*, now: datetime) -> list[int]:
    """Answers still queued a while after they were made (a lost task, a failed attempt)."""
    return list(
        EmailReply.objects.filter(status="queued", created_at__lte=now - RETRY_AFTER).values_list(
            "pk", flat=True
        )[:500]
    )
