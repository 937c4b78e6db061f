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
   or the case's acknowledgement, or its subject carries the case's number;
6. otherwise registers a complaint through the one registration service, routed by the address
   it was sent to (PN-3). Where the procedure refuses email for the kind (PC-2, PC-9), or an
   attachment breaks the limits, or there is nothing to read, the sender is answered after
   commit (:mod:`reclamo.intake.replies`) and the message stays in the intake log.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reclamo.complaints.attachments import AttachmentRefused, attachment_check
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Attachment, Complaint, ComplaintMessage, IntakeRecord
from reclamo.complaints.services import (
    CustomerContact,
    Registration,
    Submission,
    complaint_register,
    intake_record_close,
    intake_record_open,
)
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.policy import Policy
from reclamo.domain.policy.channels import EmailAddress
from reclamo.errors import ApplicationError
from reclamo.intake.customers import customer_attach
from reclamo.intake.mime import EmailUnreadable, InboundEmail, email_parse
from reclamo.intake.models import EmailReply
from reclamo.intake.replies import email_reply_queue
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = ["EmailOutcome", "email_department", "email_kind_and_category", "email_receive"]

# What an email is, when nothing says otherwise: a customer writing about a problem.
EMAIL_KIND = "complaint"


@dataclass(frozen=True, slots=True)
class EmailOutcome:
    """What became of one message: the intake outcome, the HTTP status api.md gives it, the
    case's number where there is one, and for a refusal or failure its code and message."""

    outcome: str
    status: int
    number: str | None = None
    code: str = ""
    message: str = ""
    intake_id: int | None = None

    def answer(self) -> dict[str, object]:
        if self.status >= 400:
            return {"error": {"code": self.code, "message": self.message, "field": "message"}}
        return {"number": self.number, "outcome": self.outcome}


def _address_sent_to(policy: Policy, parsed: InboundEmail, recipient: str) -> EmailAddress | None:
    """The policy's address the message was sent to: the envelope recipient (``recipient``),
    else Delivered-To, else X-Original-To, else the first To/Cc address the policy names."""
    addresses = {
        address.email.lower(): address
        for channel in policy.channels
        if channel.kind == "email"
        for address in channel.addresses
    }
    chosen = recipient.strip().lower()
    if not chosen:
        chosen = next(iter(parsed.delivered_to or parsed.original_to), "")
    if not chosen:
        chosen = next((address for address in parsed.to_cc if address in addresses), "")
    return addresses.get(chosen)


def email_department(policy: Policy, parsed: InboundEmail, recipient: str = "") -> str | None:
    """PN-3: the department of the address the message was sent to; None for a message to none
    of the policy's addresses, or to one naming no department: the policy's routes then decide
    by kind and category (and their default)."""
    address = _address_sent_to(policy, parsed, recipient)
    return address.department if address is not None else None


def _folded_words(text: str) -> list[str]:
    """The words of ``text`` without case or diacritics ("Žiadosť o zľavu" → žiadost, o, zlavu)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"\w+", plain.replace("ł", "l").replace("đ", "d"))


def email_kind_and_category(
    policy: Policy, parsed: InboundEmail, recipient: str = ""
) -> tuple[str, str | None]:
    """What the message is (its kind) and what about (its category), by the policy's email
    channel (docs/email-classification.md):

    1. the customer's own words: the first ``subject_words`` entry with a kind whose word
       starts a word of the subject (a customer who writes "Žiadosť o zľavu" files a discount
       claim, and the procedure's rule for discount claims by email applies — PC-2, PC-9);
    2. else the kind of the address it was sent to (a faults-only address);
    3. else the channel's ``default_kind``, else a complaint: a customer writing to a provider
       about a problem is complaining unless they say otherwise.

    The category is the first ``subject_words`` entry with a category that matches; else none
    (staff classify it).
    """
    channel = next((c for c in policy.channels if c.kind == "email"), None)
    if channel is None:
        return EMAIL_KIND, None
    words = _folded_words(parsed.subject)
    kind: str | None = None
    category: str | None = None
    for entry in channel.subject_words:
        stems = [stem for folded in entry.words for stem in _folded_words(folded)[:1]]
        if not any(word.startswith(stem) for word in words for stem in stems):
            continue
        if kind is None and entry.kind is not None:
            kind = entry.kind
        if category is None and entry.category is not None:
            category = entry.category
    if kind is None:
        address = _address_sent_to(policy, parsed, recipient)
        kind = (address.kind if address is not None else None) or channel.default_kind
    return kind or EMAIL_KIND, category


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
        return _close(
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
        return _close(intake, "failed", 400, "unparseable", error.reason)
    if parsed.automatic:
        # No case and no answer: answering an auto-reply starts a mail loop.
        return _close(intake, "ignored", 200, "automatic", parsed.automatic)
    earlier = _earlier_messages(provider, parsed)
    duplicate = _duplicate_of(provider, parsed, earlier)
    if duplicate is not None:
        taken = duplicate if isinstance(duplicate, Complaint) else None
        return _close(intake, "duplicate", 200, complaint=taken)
    if from_headers:
        received_at = min(parsed.arrived_at or parsed.sent_at or now, now)
    received_at = received_at or now
    refusal = _content_refusal(parsed)
    if refusal is not None:
        return _refuse(provider, intake, parsed, 422, *refusal)
    answered = _case_answered(provider, parsed, earlier)
    if answered is not None:
        return _join(provider, intake, parsed, answered, received_at)
    return _register(provider, intake, parsed, received_at, recipient)


def _close(
    intake: IntakeRecord,
    outcome: str,
    status: int,
    code: str = "",
    message: str = "",
    complaint: Complaint | None = None,
) -> EmailOutcome:
    result = EmailOutcome(
        outcome=outcome,
        status=status,
        number=complaint.number if complaint is not None else None,
        code=code,
        message=message,
        intake_id=intake.pk,
    )
    intake_record_close(
        intake=intake,
        outcome=outcome,
        code=code,
        message=message,
        complaint=complaint,
        response_status=status,
        response_body=result.answer(),
    )
    return result


# At most this many ids of In-Reply-To and References are looked up (a long thread names all).
_THREAD_IDS_LOOKED_UP = 50


def _earlier_messages(provider: Provider, parsed: InboundEmail) -> dict[str, int]:
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


def _duplicate_of(
    provider: Provider, parsed: InboundEmail, earlier: dict[str, int]
) -> Complaint | bool | None:
    """The case a message with this Message-ID already went to; True for one already refused
    (answered once); None when it is new."""
    if parsed.message_id in earlier:
        return Complaint.objects.get(pk=earlier[parsed.message_id])
    if EmailReply.objects.filter(provider=provider, answers_message_id=parsed.message_id).exists():
        return True
    return None


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


def _refuse(
    provider: Provider,
    intake: IntakeRecord,
    parsed: InboundEmail,
    status: int,
    code: str,
    message: str,
) -> EmailOutcome:
    """Keep the refusal on the intake record and answer the sender after commit (PC-2)."""
    result = _close(intake, "refused", status, code, message)
    email_reply_queue(provider=provider, intake=intake, parsed=parsed, message=message)
    return result


# The acknowledgement's Message-ID and References carry the case (case_thread_headers).
_THREAD_ID = re.compile(r"^<(?:case|acknowledgement)\.(?P<number>[^<>@\s]+)\.(?P<slug>[^.<>@\s]+)@")
_NUMBER_IN_SUBJECT = re.compile(r"\b[A-Z]{1,8}-\d{4}-\d{1,12}\b")


def _case_answered(
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


def _message_row(
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


def _attachment_files(parsed: InboundEmail, intake: IntakeRecord) -> list[Attachment]:
    """The message's attachments written to the data directory before the transaction opens
    (nothing slow while it is held); their rows are inserted with the case or the reply, in one
    statement, by :func:`_attachment_rows`. Their limits were checked by ``_content_refusal``."""
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


def _attachment_rows(files: list[Attachment], complaint: Complaint) -> None:
    for row in files:
        row.complaint = complaint
    Attachment.objects.bulk_create(files)


def _attachment_files_drop(files: list[Attachment]) -> None:
    """Remove the files of a message that was not taken after all (a duplicate, a refusal)."""
    for row in files:
        row.file.delete(save=False)


def _join(
    provider: Provider,
    intake: IntakeRecord,
    parsed: InboundEmail,
    complaint: Complaint,
    received_at: datetime,
) -> EmailOutcome:
    """Add the reply to its case with an audit event; a Message-ID taken meanwhile (the same
    message arriving twice at once) is a duplicate."""
    result = EmailOutcome("joined", 200, complaint.number, intake_id=intake.pk)
    files = _attachment_files(parsed, intake)
    try:
        with transaction.atomic(durable=True):
            message = _message_row(provider, complaint, intake, parsed, received_at)
            _attachment_rows(files, complaint)
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
        _attachment_files_drop(files)
        return _close(intake, "duplicate", 200, complaint=_taken_by(provider, parsed))
    return result


def _taken_by(provider: Provider, parsed: InboundEmail) -> Complaint | None:
    taken = ComplaintMessage.objects.filter(provider=provider, message_id=parsed.message_id).first()
    return taken.complaint if taken is not None else None


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
        return _close(intake, "failed", 422, error.code, error.message)
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

    files = _attachment_files(parsed, intake)

    def within(complaint: Complaint) -> None:
        # The unique Message-ID decides a race between two copies: the second rolls back.
        _message_row(provider, complaint, intake, parsed, received_at)
        _attachment_rows(files, complaint)
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
        _attachment_files_drop(files)
        return _close(intake, "duplicate", 200, complaint=_taken_by(provider, parsed))
    except ApplicationError as error:
        _attachment_files_drop(files)
        if intake.outcome == "refused":  # PC-2, PC-9: the sender is told where to turn
            return _refuse(provider, intake, parsed, 422, error.code, error.message)
        return _close(intake, "failed", error.status, error.code, error.message)
    return EmailOutcome("registered", 201, registration.complaint.number, intake_id=intake.pk)
