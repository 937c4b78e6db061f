"""The public web form and the customer portal as intake channels (``web``, ``portal``).

A submission takes the same steps as on every channel (reclamo/complaints/services/):

1. it goes into the intake log as it arrived (the form's fields, the files' names and sizes),
   keyed by the form's one-time token: a double click or a resent form finds the first record
   and is answered with the first result, so it never registers twice;
2. the form's answers become the case's facts and the customer's contact data
   (:func:`web_form_submission`), the attachments are stored with the intake record, and the
   one registration service decides and registers; the attachments then join the case.

Each refusal — a rate-limited burst, a filled honeypot, a form with errors, a channel the
procedure refuses — is recorded on the intake record, so staff see everything that came in.
The limit on submissions per client address is counted in the intake log itself (the index
``intake_by_source``), so it holds across every web worker without a shared cache.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.utils.translation import gettext

from reclamo.complaints.attachments import attachment_store
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Attachment, Complaint, IntakeRecord
from reclamo.complaints.services import (
    CustomerContact,
    Registration,
    Submission,
    complaint_register,
    intake_record_close,
    intake_record_open,
)
from reclamo.customers.models import Customer
from reclamo.domain.deadlines import CaseFacts
from reclamo.intake.customers import customer_attach
from reclamo.providers.models import Provider

__all__ = [
    "WEB_CHANNELS",
    "WebFormIntake",
    "web_form_fingerprint",
    "web_form_intake_open",
    "web_form_rate_limited",
    "web_form_register",
    "web_form_repeat_record",
    "web_form_resubmission",
    "web_form_submission",
    "web_form_token_valid",
]

WEB_CHANNELS = ("web", "portal")
# The token the form carries (uuid4 hex): the submission's idempotency key in the intake log.
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
# The intake log's idempotency keys are per provider and shared with the API: the prefix keeps a
# form's token apart from any key an integration sends.
_KEY_PREFIX = "form:"


def web_form_token_valid(token: str) -> bool:
    return bool(_TOKEN.match(token))


@dataclass(frozen=True, slots=True)
class WebFormIntake:
    """The intake record of a submission; ``repeated`` when the form's token was already used
    (the record is then the first submission's)."""

    record: IntakeRecord
    repeated: bool


def web_form_rate_limited(*, address: str, now: datetime) -> bool:
    """More than RECLAMO_WEB_FORM_RATE_LIMIT submissions on the web channels came from
    ``address`` within the last RECLAMO_WEB_FORM_RATE_WINDOW (refused ones count too, so a
    burst stays refused while it goes on)."""
    limit: int = settings.RECLAMO_WEB_FORM_RATE_LIMIT
    since = now - settings.RECLAMO_WEB_FORM_RATE_WINDOW
    recent = IntakeRecord.objects.filter(
        source_label=address, received_at__gte=since, channel__in=WEB_CHANNELS
    )
    # Counting stops at the limit: a burst of thousands costs the same as a few.
    return len(recent.values_list("pk", flat=True)[:limit]) >= limit


# Fields of the form that are not its content: a fresh page has new ones.
_NOT_CONTENT = frozenset({"csrfmiddlewaretoken", "form_token", "action"})


def web_form_fingerprint(
    *,
    fields: Mapping[str, Iterable[str]],
    files: Iterable[UploadedFile],
    customer: Customer | None = None,
) -> str:
    """SHA-256 of what a submission says and who says it: every field but the page's tokens
    (values stripped, the address lower-cased), the files' names and sizes, and the signed-in
    customer. A page reloaded after "Back" has a new token but the same fingerprint."""
    digest = hashlib.sha256()
    digest.update(f"customer={customer.pk if customer is not None else ''}\n".encode())
    for name in sorted(set(fields) - _NOT_CONTENT):
        values = [str(value).strip() for value in fields[name]]
        if name == "email":
            values = [value.lower() for value in values]
        digest.update(f"{name}={values!r}\n".encode())
    for file in sorted(files, key=lambda f: (f.name or "", f.size or 0)):
        digest.update(f"file={file.name!r}:{file.size}\n".encode())
    return digest.hexdigest()


def web_form_resubmission(
    *, provider: Provider, channel: str, fingerprint: str, now: datetime
) -> IntakeRecord | None:
    """The submission with the same content from the same contact registered (or being
    registered) on ``channel`` within RECLAMO_WEB_FORM_RESUBMIT_WINDOW, if any: the customer
    went back after sending and sent the page again."""
    since = now - settings.RECLAMO_WEB_FORM_RESUBMIT_WINDOW
    return (
        IntakeRecord.objects.filter(
            provider=provider,
            outcome__in=("registered", "pending"),
            received_at__gte=since,
            channel=channel,
            request_fingerprint=fingerprint,
        )
        .order_by("received_at", "pk")
        .first()
    )


def web_form_intake_open(
    *,
    provider: Provider,
    channel: str,
    token: str,
    address: str,
    received_at: datetime,
    payload: Mapping[str, Any],
    fingerprint: str = "",
) -> WebFormIntake:
    """Store the submission as it arrived, keyed by the form's token (none when it is not a
    token this site gives). A token already used returns the first submission's record."""
    key = _KEY_PREFIX + token if web_form_token_valid(token) else None
    try:
        record = intake_record_open(
            provider=provider,
            channel=channel,
            received_at=received_at,
            source_label=address,
            payload=dict(payload),
            content_type="multipart/form-data",
            idempotency_key=key,
            request_fingerprint=fingerprint,
        )
    except IntegrityError:
        if key is None:
            raise
        earlier = IntakeRecord.objects.filter(provider=provider, idempotency_key=key).first()
        if earlier is None:  # the other request was rolled back: nothing was taken
            raise
        return WebFormIntake(record=earlier, repeated=True)
    return WebFormIntake(record=record, repeated=False)


def web_form_repeat_record(
    *,
    provider: Provider,
    channel: str,
    address: str,
    received_at: datetime,
    payload: Mapping[str, Any],
    first: IntakeRecord,
) -> IntakeRecord:
    """Keep a resubmission (``web_form_resubmission`` found ``first``) in the intake log as a
    duplicate of the first submission's case."""
    record = web_form_intake_open(
        provider=provider,
        channel=channel,
        token="",
        address=address,
        received_at=received_at,
        payload=payload,
    ).record
    intake_record_close(
        intake=record,
        outcome="duplicate",
        code="resubmitted",
        message=gettext("The same content as intake record %(id)s, sent again.") % {"id": first.pk},
        complaint=first.complaint,
    )
    return record


def web_form_earlier(*, provider: Provider, token: str) -> IntakeRecord | None:
    """The submission already made with this form token, if any."""
    if not web_form_token_valid(token):
        return None
    return IntakeRecord.objects.filter(
        provider=provider, idempotency_key=_KEY_PREFIX + token
    ).first()


def web_form_submission(
    *, data: Mapping[str, Any], channel: str, received_at: datetime, language: str
) -> Submission:
    """The case's facts and the customer's contact data from a valid form's cleaned data.

    The form has read the times in the provider's zone (T-6) and the phone number as E.164;
    the channel and the moment of receipt are the form's own, not the customer's to choose.
    """
    facts = CaseFacts(
        kind=data["kind"],
        channel=channel,
        received_at=received_at,
        category=data.get("category") or None,
        fault_location=data.get("fault_location") or None,
        fault_started_at=data.get("fault_started_at"),
        defect_discovered_at=data.get("defect_discovered_at"),
        invoice_delivered_at=data.get("invoice_delivered_at"),
        service_restored_at=data.get("service_restored_at"),
    )
    customer = CustomerContact(
        name=data["name"].strip(),
        email=(data.get("email") or "").strip().lower(),
        phone=data.get("phone") or "",
        reference=(data.get("reference") or "").strip(),
        language=language,
    )
    return Submission(
        facts=facts, customer=customer, subject=data["subject"].strip(), body=data["body"]
    )


def web_form_register(
    *,
    provider: Provider,
    intake: IntakeRecord,
    submission: Submission,
    files: Iterable[UploadedFile],
    actor: Actor,
    customer: Customer | None = None,
) -> Registration:
    """Register a logged, valid submission; its files (already checked by the form) are stored
    with the intake record first, so they stay even where the procedure refuses the case.

    Without ``customer`` (the public form) the case is matched to the provider's customer by
    the contact data given, or a customer record is added — in the registering transaction,
    so a refused or failed registration leaves no customer. Raises ``ApplicationError`` (a
    refusal or facts the procedure cannot read), recorded on ``intake`` by the register.
    """
    for file in files:
        attachment_store(
            file=file,
            name=file.name or "attachment",
            content_type=file.content_type or "",
            intake=intake,
        )

    def within(complaint: Complaint) -> None:
        customer_attach(complaint=complaint, contact=submission.customer, customer=customer)
        Attachment.objects.filter(intake=intake, complaint__isnull=True).update(complaint=complaint)

    return complaint_register(
        provider=provider, submission=submission, actor=actor, intake=intake, within=within
    )
