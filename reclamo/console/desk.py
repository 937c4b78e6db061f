"""Registering what staff take in at the desk: a walk-in complaint, or a letter with its scan.

The same steps as every channel (reclamo/complaints/services/): the submission goes into the
intake log first (the form's data as JSON, the scan as the payload file), then the one
registration service decides and registers; the scan becomes an attachment of the case. A
refusal or an error is raised as `ApplicationError` after it is recorded on the intake record,
so the desk shows it as a form error and nothing typed or scanned is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from reclamo.accounts.models import User
from reclamo.complaints.attachments import attachment_store
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Attachment, IntakeRecord
from reclamo.complaints.services import (
    Registration,
    Submission,
    complaint_register,
    intake_record_open,
)
from reclamo.providers.models import Provider


@dataclass(frozen=True, slots=True)
class DeskRegistration:
    registration: Registration
    intake: IntakeRecord
    scan: Attachment | None


def desk_complaint_register(
    *,
    provider: Provider,
    user: User,
    submission: Submission,
    payload: dict[str, Any],
    scan: UploadedFile | None,
    location: str = "",
) -> DeskRegistration:
    """Log, then register ``submission`` received at the desk or by post (T-6: its
    ``received_at`` is the real receipt). Raises ``ApplicationError`` for a refusal or facts
    the procedure cannot read, with the intake record kept."""
    facts = submission.facts
    label = user.get_username() + (f" @ {location}" if location else "")
    intake = intake_record_open(
        provider=provider,
        channel=facts.channel,
        received_at=facts.received_at,
        source_label=label,
        payload=payload,
        content_type=(scan.content_type or "") if scan is not None else "application/json",
        payload_file=scan,
    )
    registration = complaint_register(
        provider=provider, submission=submission, actor=Actor.staff(user), intake=intake
    )
    stored = None
    if scan is not None:
        stored = attachment_store(
            file=intake.payload_file,
            name=scan.name or "scan",
            content_type=scan.content_type or "",
            complaint=registration.complaint,
            intake=intake,
        )
    return DeskRegistration(registration=registration, intake=intake, scan=stored)
