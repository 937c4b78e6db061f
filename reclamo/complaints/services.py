"""Writes of the register: taking a submission into the intake log, registering a case.

Every channel (the API, the desk, a letter, email, a call) does the same two steps:

1. :func:`intake_record_open` stores the raw submission **before it is parsed**, in its own
   short transaction, so nothing that arrived is lost whatever happens next.
2. :func:`complaint_register` decides under the policy in force at receipt (accepted, refused,
   treated as what, which department, every deadline), then, in one durable transaction, takes
   the number, inserts the case with one row per deadline and its "registered" event, queues the
   acknowledgement (with the database queue its task row joins this transaction; other queues
   get it after commit), and closes the intake record. The acknowledgement leaves only after
   commit: the worker cannot see the task before.

Parsing and deciding happen before the transaction opens: nothing slow runs while the register's
counter row (PostgreSQL) or the database's write lock (SQLite) is held.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, overload

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintDeadline, IntakeRecord
from reclamo.complaints.numbering import complaint_number_next
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import CaseFacts, IntakeDecision, deadlines_at_registration
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import CASE_STATUSES, OUTCOMES
from reclamo.errors import ApplicationError
from reclamo.letters.tasks import acknowledgement_queue
from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.selectors import policy_in_force, policy_of

__all__ = [
    "CustomerContact",
    "Registration",
    "Submission",
    "complaint_register",
    "complaint_status_change",
    "idempotency_keys_purge",
    "intake_record_close",
    "intake_record_open",
    "intake_record_reclaim",
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


def intake_record_open(
    *,
    provider: Provider,
    channel: str,
    received_at: datetime,
    source_label: str = "",
    payload: Any = None,
    payload_text: str = "",
    content_type: str = "",
    idempotency_key: str | None = None,
    request_fingerprint: str = "",
    payload_file: File | None = None,
) -> IntakeRecord:
    """Store a raw submission as it arrived, committed before anything parses it.

    Raises ``IntegrityError`` when ``idempotency_key`` is already taken for the provider (the
    API then replays or refuses the first submission's answer). ``payload_file`` (a letter's
    scan, a large message) is stored under the data directory with the record.
    """
    record = IntakeRecord(
        provider=provider,
        channel=channel,
        received_at=received_at,
        source_label=source_label[:255],
        payload=payload,
        payload_text=payload_text,
        content_type=content_type[:100],
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
    )
    if payload_file is not None:
        record.payload_file.save(payload_file.name or "payload", payload_file, save=False)
    if transaction.get_autocommit():
        # Outside any transaction one INSERT commits on its own: one round trip instead of
        # BEGIN, INSERT, COMMIT (the API pays this on every registration).
        record.save(force_insert=True)
        return record
    with transaction.atomic(durable=True):  # refuses to run inside a caller's transaction
        record.save(force_insert=True)
    return record


def intake_record_close(
    *,
    intake: IntakeRecord,
    outcome: str,
    code: str = "",
    message: str = "",
    complaint: Complaint | None = None,
    response_status: int | None = None,
    response_body: Mapping[str, Any] | None = None,
) -> None:
    """Record what became of a submission (registered, refused with a code, failed …) and the
    answer given, so a repeated Idempotency-Key replays it. Joins the caller's transaction
    when there is one (without a savepoint: two round trips less), else commits on its own."""
    with transaction.atomic(savepoint=False):
        IntakeRecord.objects.filter(pk=intake.pk).update(
            outcome=outcome,
            reason_code=code[:50],
            reason_message=message,
            complaint=complaint,
            response_status=response_status,
            response_body=dict(response_body) if response_body is not None else None,
            updated_at=timezone.now(),
        )
    intake.outcome, intake.reason_code, intake.complaint = outcome, code[:50], complaint


def intake_record_reclaim(*, intake_id: int, stale_before: datetime) -> bool:
    """Take over a submission whose request died before it answered (the process was killed
    between storing it and committing its outcome), so its Idempotency-Key does not stay "being
    processed" for ever. True when this caller now owns the record and must process it again.

    Only a record with no stored answer whose last claim (``updated_at``) is older than
    ``stale_before`` is taken, by one conditional UPDATE that also renews the claim: of several
    requests reclaiming at once exactly one matches the row (PostgreSQL re-checks the condition
    after the winner's commit; SQLite runs one writer at a time), the others see a fresh claim
    and wait for its answer as for any request in progress.
    """
    with transaction.atomic(durable=True):
        taken = IntakeRecord.objects.filter(
            pk=intake_id, response_status__isnull=True, updated_at__lt=stale_before
        ).update(outcome="pending", reason_code="", reason_message="", updated_at=timezone.now())
    return taken == 1


def idempotency_keys_purge(*, before: datetime, batch_size: int = 1000) -> int:
    """Forget the Idempotency-Keys and the answers stored for replay of submissions stored
    before ``before``; returns how many records were cleared.

    The intake records themselves stay (payload, outcome, reason, case): the intake log keeps
    every submission, only its key is freed and its replayable answer dropped. Runs in short
    batches (each its own transaction) over the partial index ``intake_replayable_by_age``, so
    it never holds many rows locked and costs the same whatever the size of the log.
    """
    replayable = Q(idempotency_key__isnull=False) | Q(response_body__isnull=False)
    cleared = 0
    while True:
        with transaction.atomic(durable=True):
            ids = list(
                IntakeRecord.objects.filter(replayable, created_at__lt=before)
                .order_by("created_at")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return cleared
            cleared += IntakeRecord.objects.filter(pk__in=ids).update(
                idempotency_key=None, response_body=None, updated_at=timezone.now()
            )


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
            ComplaintDeadline(
                complaint=complaint,
                clock=deadline.clock,
                due_at=deadline.due_at,
                rule=deadline.rule,
                basis_amount=deadline.basis.amount,
                basis_unit=deadline.basis.unit,
                counted_from=deadline.basis.counted_from,
                milestone=deadline.milestone,
                created_at=now,
            )
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


# A settled case carries the decision; an open one carries none.
_SETTLED_STATUSES = frozenset({"resolved", "deemed_upheld", "withdrawn"})


def complaint_status_change(
    *,
    complaint: Complaint,
    actor: Actor,
    status: str,
    outcome: str | None = None,
    at: datetime | None = None,
) -> Complaint:
    """Move ``complaint`` to ``status`` (api.md's values), with the ``outcome`` a settled case
    carries, recording a "status_changed" event with the before and after.

    Raises :class:`ApplicationError` ``unknown_status`` / ``unknown_outcome`` (422) for values
    outside the vocabulary and ``outcome_required`` (422) for a settled case without one.
    """
    if status not in CASE_STATUSES:
        raise ApplicationError(
            "unknown_status", f"Unknown status {status!r}.", "status", status=422
        )
    if outcome is not None and outcome not in OUTCOMES:
        raise ApplicationError(
            "unknown_outcome", f"Unknown outcome {outcome!r}.", "outcome", status=422
        )
    if status in _SETTLED_STATUSES and outcome is None:
        raise ApplicationError(
            "outcome_required", "A settled case needs its outcome.", "outcome", status=422
        )
    now = at or timezone.now()
    with transaction.atomic(durable=True):
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        before = {"status": locked.status, "outcome": locked.outcome}
        locked.status = status
        locked.outcome = outcome if status in _SETTLED_STATUSES else None
        locked.save(update_fields=["status", "outcome"])
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="status_changed",
            at=now,
            before=before,
            after={"status": locked.status, "outcome": locked.outcome},
        )
    return locked


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
