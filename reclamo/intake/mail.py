"""The email channel: one raw message in, one outcome out (api.md "Intake from other systems").

Every entry point — `POST …/inbound-email`, `reclamo import_mail`, `reclamo fetch_mail` — hands
the raw bytes to :func:`email_receive`, which:

1. stores the message as it arrived (a file under the data directory) in the intake log, before
   anything parses it;
2. reads it (:mod:`reclamo.intake.mime`); an unreadable message is kept as ``failed`` (400);
3. ignores auto-replies and bounces (``ignored``): no case, no answer — no mail loop;
4. answers ``duplicate`` for a Message-ID already taken (race-safe: the unique constraint on the
   case's messages decides, inside the registering transaction);
5. joins a reply to its case (``joined``) when its In-Reply-To/References name a stored message
   or the case's acknowledgement, or its subject carries the case's number
   (:mod:`reclamo.intake.mail_threads`);
6. otherwise registers a complaint through the one registration service, routed by the address
   it was sent to (PN-3), its kind and category read by :mod:`reclamo.intake.mail_classification`.
   Where the procedure refuses email for the kind (PC-2, PC-9), or an attachment breaks the
   limits, or there is nothing to read, the sender is answered after commit
   (:mod:`reclamo.intake.replies`) and the message stays in the intake log.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from reclamo.complaints.attachments import AttachmentRefused, attachment_check
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.complaints.services import (
    CustomerContact,
    Registration,
    Submission,
    complaint_register,
    intake_record_open,
)
from reclamo.domain.deadlines import CaseFacts
from reclamo.errors import ApplicationError
from reclamo.intake.customers import customer_attach
from reclamo.intake.mail_classification import email_department, email_kind_and_category
from reclamo.intake.mail_outcome import EmailOutcome, email_intake_close, email_refuse
from reclamo.intake.mail_storage import (
    attachment_files,
    attachment_files_drop,
    attachment_rows,
    message_row,
)
from reclamo.intake.mail_threads import (
    case_answered,
    case_taken_by,
    duplicate_of,
    earlier_messages,
    reply_join,
)
from reclamo.intake.mime import EmailUnreadable, InboundEmail, email_parse
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = ["email_receive"]


def email_receive(
    *,
    provider: Provider,
    raw: bytes,
    source_label: str,
    recipient: str = "",
    received_at: datetime | None = None,
    from_headers: bool = False,
    truncated: bool = False,
) -> EmailOutcome:
    """Take one raw message for ``provider`` (see the module's steps).

    ``received_at`` is when the provider received it (an API call: now). ``from_headers`` takes
    the receipt from the topmost Received header, else the Date header (a Maildir or mbox file,
    an IMAP mailbox read later), never later than now. ``truncated`` says ``raw`` is only the
    start of a message over the size limit: it is kept and refused.
    """
    now = timezone.now()
    intake = intake_record_open(
        provider=provider,
        channel="email",
        received_at=received_at or now,
        source_label=source_label,
        content_type="message/rfc822",
        payload_file=ContentFile(raw, name="message.eml"),
    )
    if truncated:
        limit = settings.RECLAMO_EMAIL_MAX_BYTES
        return email_intake_close(
            intake,
            "failed",
            413,
            "message_too_large",
            _("The message is larger than %(limit)s MB; it was not taken.")
            % {"limit": limit // (1024 * 1024)},
        )
    try:
        parsed = email_parse(raw)
    except EmailUnreadable as error:
        return email_intake_close(intake, "failed", 400, "unparseable", error.reason)
    if parsed.automatic:
        # No case and no answer: answering an auto-reply starts a mail loop.
        return email_intake_close(intake, "ignored", 200, "automatic", parsed.automatic)
    earlier = earlier_messages(provider, parsed)
    duplicate = duplicate_of(provider, parsed, earlier)
    if duplicate is not None:
        taken = duplicate if isinstance(duplicate, Complaint) else None
        return email_intake_close(intake, "duplicate", 200, complaint=taken)
    if from_headers:
        received_at = min(parsed.arrived_at or parsed.sent_at or now, now)
    received_at = received_at or now
    refusal = _content_refusal(parsed)
    if refusal is not None:
        return email_refuse(provider, intake, parsed, 422, *refusal)
    answered = case_answered(provider, parsed, earlier)
    if answered is not None:
        return reply_join(provider, intake, parsed, answered, received_at)
    return _register(provider, intake, parsed, received_at, recipient)


def _content_refusal(parsed: InboundEmail) -> tuple[str, str] | None:
    """Why the message cannot be taken as it is (an attachment over the limits, nothing to
    read), as (code, message) for the sender; None when it can."""
    for attachment in parsed.attachments:
        try:
            attachment_check(
                name=attachment.name,
                content_type=attachment.content_type,
                size=len(attachment.data),
                head=attachment.data[:16],
            )
        except AttachmentRefused as refused:
            return refused.code, refused.message
    if not parsed.text and not parsed.attachments:
        return "empty_message", _("The message has no text; please write what happened.")
    return None


def _register(
    provider: Provider,
    intake: IntakeRecord,
    parsed: InboundEmail,
    received_at: datetime,
    recipient: str,
) -> EmailOutcome:
    try:
        version = policy_in_force(provider=provider, at=received_at)
        policy = policy_of(version)
    except ApplicationError as error:
        return email_intake_close(intake, "failed", 422, error.code, error.message)
    name = parsed.sender_name or parsed.sender.split("@", 1)[0]
    kind, category = email_kind_and_category(policy, parsed, recipient)
    submission = Submission(
        facts=CaseFacts(
            kind=kind,
            category=category,
            channel="email",
            received_at=received_at,
            department=email_department(policy, parsed, recipient),
        ),
        customer=CustomerContact(name=name, email=parsed.sender),
        subject=parsed.subject or parsed.text[:80],
        body=parsed.text,
    )

    files = attachment_files(parsed, intake)

    def within(complaint: Complaint) -> None:
        # The unique Message-ID decides a race between two copies: the second rolls back.
        message_row(provider, complaint, intake, parsed, received_at)
        attachment_rows(files, complaint)
        customer_attach(complaint=complaint, contact=submission.customer)

    def answer(registration: Registration) -> dict[str, object]:
        return {"number": registration.complaint.number, "outcome": "registered"}

    try:
        registration = complaint_register(
            provider=provider,
            submission=submission,
            actor=Actor.customer(parsed.sender),
            intake=intake,
            answer=answer,
            within=within,
            version=version,
        )
    except IntegrityError:
        attachment_files_drop(files)
        return email_intake_close(
            intake, "duplicate", 200, complaint=case_taken_by(provider, parsed)
        )
    except ApplicationError as error:
        attachment_files_drop(files)
        if intake.outcome == "refused":  # PC-2, PC-9: the sender is told where to turn
            return email_refuse(provider, intake, parsed, 422, error.code, error.message)
        return email_intake_close(intake, "failed", error.status, error.code, error.message)
    return EmailOutcome("registered", 201, registration.complaint.number, intake_id=intake.pk)
