"""Registering a case: the decision under the policy in force at receipt, then the number, the
case with its deadlines and its "registered" event, and the acknowledgement queued, in one
durable transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, overload

from django.db import transaction
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintDeadline, IntakeRecord
from reclamo.complaints.numbering import complaint_number_next
from reclamo.complaints.services.intake_log import intake_record_close
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import (
    CaseFacts,
    Deadline,
    IntakeDecision,
    deadlines_at_registration,
)
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.errors import ApplicationError
from reclamo.letters.tasks import acknowledgement_queue
from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = [
    "CustomerContact",
    "Registration",
    "Submission",
    "complaint_deadline_row",
    "complaint_register",
]


@dataclass(frozen=True, slots=True)
class CustomerContact:
    """Who complains and how to answer them; `language` is the language of every letter."""

    name: str
    email: str = ""
    phone: str = ""
    reference: str = ""
    language: str = ""


@dataclass(frozen=True, slots=True)
class Submission:
    """What a channel hands to the register: the case's facts and the customer's words."""

    facts: CaseFacts
    customer: CustomerContact
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class Registration:
    """A registered case with the decision it was registered under."""

    complaint: Complaint
    decision: IntakeDecision
    policy: Policy


def complaint_register(
    *,
    provider: Provider,
    submission: Submission,
    actor: Actor,
    intake: IntakeRecord,
    registered_at: datetime | None = None,
    answer: Callable[[Registration], Mapping[str, Any]] | None = None,
    acknowledge: bool = True,
    within: Callable[[Complaint], None] | None = None,
    version: PolicyVersion | None = None,
) -> Registration:
    """Register ``submission`` in ``provider``'s register, governed for life by the policy
    version in force at receipt (T-6: the receipt is the real one — a letter's delivery, an
    email's arrival — not the typing time).

    Raises :class:`ApplicationError`: ``no_policy_in_force`` / ``out_of_range`` (422) for a
    receipt no procedure governs, ``channel_not_accepted`` (422, PC-2) where the procedure
    refuses the channel, and the domain's codes (422) for facts that cannot be read. Each
    refusal or failure is recorded on ``intake`` before it is raised.

    ``answer`` builds the channel's reply from the registration; it is stored on ``intake`` in
    the registering transaction, so the reply a client gets is committed with the case (the API
    replays it to a repeated Idempotency-Key).
    ``acknowledge=False`` queues no acknowledgement: only for cases no customer is waiting for
    (the demo register, ``reclamo.complaints.demo``).
    ``within`` makes the channel's own writes (the email's message row, whose unique Message-ID
    stops a duplicate; the customer record, ``reclamo.intake.customers.customer_attach``) in the
    registering transaction: what it raises rolls the whole registration back, and a refused
    registration never runs it.
    ``version``: the version ``policy_in_force`` gives for ``facts.received_at``, where the
    channel has already looked it up (the email channel routes by it): one query less.
    """
    facts = submission.facts
    now = registered_at or timezone.now()
    try:
        if version is None or version.provider_id != provider.pk:
            version = policy_in_force(provider=provider, at=facts.received_at)
        policy = policy_of(version)
        decision = deadlines_at_registration(policy, facts, registered_at=now)
    except (ApplicationError, DomainError) as error:
        intake_record_close(intake=intake, outcome="failed", code=error.code, message=error.message)
        raise _as_application_error(error) from None
    language = submission.customer.language or policy.default_language
    if not decision.accepted:
        refusal = decision.refusal
        code = refusal.code if refusal is not None else "channel_not_accepted"
        message = refusal.text(language, policy.default_language) if refusal is not None else ""
        intake_record_close(intake=intake, outcome="refused", code=code, message=message)
        raise ApplicationError(code, message, "channel", status=422)
    year = facts.received_at.astimezone(get_zone(policy.time_zone)).year
    with transaction.atomic(durable=True):
        number = complaint_number_next(
            provider=provider, year=year, format=policy.registration_number
        )
        complaint = Complaint.objects.create(
            **_case_fields(provider, version, facts, submission, decision, language),
            number=number.number,
            year=number.year,
            sequence=number.sequence,
            registered_at=now,
            created_by_type=actor.type,
            created_by_user=actor.user,
            created_by_label=actor.label[:150],
        )
        ComplaintDeadline.objects.bulk_create(
            complaint_deadline_row(complaint=complaint, deadline=deadline, created_at=now)
            for deadline in decision.deadlines
        )
        complaint_event_record(
            complaint=complaint,
            actor=actor,
            type="registered",
            at=now,
            after={
                "number": complaint.number,
                "status": complaint.status,
                "channel": complaint.channel,
                "treated_as": complaint.treated_as,
                "department": complaint.department,
                "policy_version": version.version,
                "deadlines": {d.clock: d.due_at.isoformat() for d in decision.deadlines},
                "rules": list(decision.rules),
            },
        )
        if within is not None:
            within(complaint)
        if acknowledge:
            # With the database queue, the task's row joins this transaction (one commit less);
            # otherwise it is queued after commit.
            acknowledgement_queue(complaint.pk)
        registration = Registration(complaint=complaint, decision=decision, policy=policy)
        intake_record_close(
            intake=intake,
            outcome="registered",
            complaint=complaint,
            response_status=201 if answer is not None else None,
            response_body=answer(registration) if answer is not None else None,
        )
    return registration


def complaint_deadline_row(
    *, complaint: Complaint, deadline: Deadline, created_at: datetime
) -> ComplaintDeadline:
    """The register's row (not saved yet) for one of ``complaint``'s deadlines."""
    return ComplaintDeadline(
        complaint=complaint,
        clock=deadline.clock,
        due_at=deadline.due_at,
        rule=deadline.rule,
        basis_amount=deadline.basis.amount,
        basis_unit=deadline.basis.unit,
        counted_from=deadline.basis.counted_from,
        milestone=deadline.milestone,
        created_at=created_at,
    )


def _case_fields(
    provider: Provider,
    version: PolicyVersion,
    facts: CaseFacts,
    submission: Submission,
    decision: IntakeDecision,
    language: str,
) -> dict[str, Any]:
    discovered = facts.defect_discovered_at
    if isinstance(discovered, datetime):
        discovered = _utc(discovered)
    filing = decision.filing
    customer = submission.customer
    return {
        "provider": provider,
        "policy_version": version,
        "kind": facts.kind,
        "treated_as": decision.treated_as or facts.kind,
        "category": facts.category,
        "channel": facts.channel,
        "department": decision.department or "",
        "complexity": decision.complexity or facts.complexity,
        "fault_location": facts.fault_location,
        "fault_started_at": _utc(facts.fault_started_at),
        "defect_discovered_at": discovered if isinstance(discovered, datetime) else None,
        "defect_discovered_on": (
            discovered
            if isinstance(discovered, date) and not isinstance(discovered, datetime)
            else None
        ),
        "invoice_delivered_on": facts.invoice_delivered_at,
        "service_restored_at": _utc(facts.service_restored_at),
        "customer_name": customer.name[:200],
        "customer_email": customer.email,
        "customer_phone": customer.phone[:32],
        "customer_reference": customer.reference[:100],
        "customer_language": language,
        "subject": submission.subject[:300],
        "body": submission.body,
        "received_at": _utc(facts.received_at),
        "filing_last_day": filing.rolled_to or filing.last_day if filing else None,
        "filing_counted_last_day": filing.last_day if filing else None,
        "filing_in_time": filing.in_time if filing else None,
    }


@overload
def _utc(instant: datetime) -> datetime: ...
@overload
def _utc(instant: None) -> None: ...
def _utc(instant: datetime | None) -> datetime | None:
    """T-6: stored in UTC. PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows."""
    return instant.astimezone(UTC) if instant is not None else None


def _as_application_error(error: ApplicationError | DomainError) -> ApplicationError:
    if isinstance(error, ApplicationError):
        return error
    return ApplicationError(error.code, error.message, error.field, status=422, params=error.params)
