"""The phone channel: a call recorded by the phone system (`POST …/calls`) or typed in by an
operator (the console's call form), turned into case facts for the one registration service.

The caller's number is read in the provider's country and stored in E.164; the menu digit the
caller pressed chooses the department (PN-3). What a call becomes is the procedure's decision:
at UNITEL a phone complaint is a fault report, or a request where it is about billing, and the
answer carries the notice telling the customer how to complain in writing (UN-1, UN-7).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.complaints.services import (
    CustomerContact,
    Registration,
    Submission,
    complaint_register,
    intake_record_close,
)
from reclamo.customers.selectors import customer_match
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.errors import DomainError
from reclamo.domain.phones import phone_e164
from reclamo.errors import ApplicationError
from reclamo.intake.customers import customer_attach
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = ["Call", "call_register"]


@dataclass(frozen=True, slots=True)
class Call:
    """What is known about a call: the caller's number as given, the menu digit pressed, when
    it started (its receipt, T-6), the kind the caller asked for, and what was said."""

    caller: str
    started_at: datetime
    kind: str
    menu_digit: str = ""
    category: str | None = None
    note: str = ""
    name: str = ""
    reference: str = ""
    fault_location: str | None = None
    fault_started_at: datetime | None = None


def call_register(
    *,
    provider: Provider,
    call: Call,
    actor: Actor,
    intake: IntakeRecord,
    answer: Callable[[Registration], Mapping[str, Any]] | None = None,
) -> Registration:
    """Register ``call`` (already in the intake log as ``intake``) under the procedure in force
    when it started. Raises ``ApplicationError`` (``invalid_phone``, the registration's codes)
    with the reason recorded on ``intake``."""
    try:
        version = policy_in_force(provider=provider, at=call.started_at)
        policy = policy_of(version)
        phone = phone_e164(call.caller, policy.country, field="caller")
    except ApplicationError as error:
        intake_record_close(intake=intake, outcome="failed", code=error.code, message=error.message)
        raise
    except DomainError as error:
        intake_record_close(intake=intake, outcome="failed", code=error.code, message=error.message)
        raise ApplicationError(error.code, error.message, error.field, status=422) from None
    known = customer_match(provider=provider, reference=call.reference, phone=phone)
    name = call.name or (known.name if known is not None else "") or phone
    language = known.language if known is not None and known.language else ""
    note = call.note.strip()
    submission = Submission(
        facts=CaseFacts(
            kind=call.kind,
            channel="phone",
            received_at=call.started_at,
            category=call.category,
            department=policy.department_for_menu_digit(call.menu_digit),  # PN-3
            fault_location=call.fault_location,
            fault_started_at=call.fault_started_at,
        ),
        customer=CustomerContact(
            name=name,
            phone=phone,
            email=known.email if known is not None else "",
            reference=call.reference or (known.reference if known is not None else ""),
            language=language,
        ),
        subject=note.splitlines()[0][:120]
        if note
        else _("Phone call from %(phone)s") % {"phone": phone},
        body=note,
    )

    def within(complaint: Complaint) -> None:
        # The customer already matched above; only an unknown caller is matched again (inside
        # the transaction) or added.
        customer_attach(complaint=complaint, contact=submission.customer, customer=known)

    return complaint_register(
        provider=provider,
        submission=submission,
        actor=actor,
        intake=intake,
        answer=answer,
        within=within,
        version=version,
    )
