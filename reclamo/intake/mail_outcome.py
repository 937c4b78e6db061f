"""What became of one inbound email, as its intake record keeps it and the caller answers it:
taken, joined, a duplicate, ignored, failed, or refused with an answer to the sender (PC-2)."""

from __future__ import annotations

from dataclasses import dataclass

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.complaints.services import intake_record_close
from reclamo.intake.mime import InboundEmail
from reclamo.intake.replies import email_reply_queue
from reclamo.providers.models import Provider

__all__ = ["EmailOutcome", "email_intake_close", "email_refuse"]


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


def email_intake_close(
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


def email_refuse(
    provider: Provider,
    intake: IntakeRecord,
    parsed: InboundEmail,
    status: int,
    code: str,
    message: str,
) -> EmailOutcome:
    """Keep the refusal on the intake record and answer the sender after commit (PC-2)."""
    result = email_intake_close(intake, "refused", status, code, message)
    email_reply_queue(provider=provider, intake=intake, parsed=parsed, message=message)
    return result
