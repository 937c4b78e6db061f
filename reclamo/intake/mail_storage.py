"""An inbound email kept with its case: the message row (its Message-ID unique per provider,
which decides a race between two copies) and its attachments, their files written before the
transaction opens and their rows inserted inside it."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile

from reclamo.complaints.models import Attachment, Complaint, ComplaintMessage, IntakeRecord
from reclamo.intake.mime import InboundEmail
from reclamo.providers.models import Provider

__all__ = ["attachment_files", "attachment_files_drop", "attachment_rows", "message_row"]


def message_row(
    provider: Provider,
    complaint: Complaint,
    intake: IntakeRecord,
    parsed: InboundEmail,
    at: datetime,
) -> ComplaintMessage:
    return ComplaintMessage.objects.create(
        provider=provider,
        complaint=complaint,
        direction="in",
        channel="email",
        at=at,
        sender=parsed.sender[:320],
        recipients=", ".join(parsed.to_cc),
        subject=parsed.subject[:300],
        body_text=parsed.text,
        body_html=parsed.html,
        message_id=parsed.message_id,
        in_reply_to=(parsed.in_reply_to[0] if parsed.in_reply_to else "")[:998],
        intake=intake,
    )


def attachment_files(parsed: InboundEmail, intake: IntakeRecord) -> list[Attachment]:
    """The message's attachments written to the data directory before the transaction opens
    (nothing slow while it is held); their rows are inserted with the case or the reply, in one
    statement, by :func:`attachment_rows`. Their limits were checked before (the content
    refusal of :mod:`reclamo.intake.mail`)."""
    files: list[Attachment] = []
    for attachment in parsed.attachments:
        row = Attachment(
            intake=intake,
            original_name=attachment.name[:255],
            content_type=attachment.content_type.split(";", 1)[0].strip().lower()[:100],
            size=len(attachment.data),
            sha256=hashlib.sha256(attachment.data).hexdigest(),
        )
        row.file.save(attachment.name, ContentFile(attachment.data), save=False)
        files.append(row)
    return files


def attachment_rows(files: list[Attachment], complaint: Complaint) -> None:
    for row in files:
        row.complaint = complaint
    Attachment.objects.bulk_create(files)


def attachment_files_drop(files: list[Attachment]) -> None:
    """Remove the files of a message that was not taken after all (a duplicate, a refusal)."""
    for row in files:
        row.file.delete(save=False)
