"""Writes of case handling. One shape for each (STYLE.md, the write path): validate, then in
one durable transaction lock the case, write the change and its audit event, and register what
leaves the house (a letter, an email) to run after commit through the task queue.

Each service raises :class:`ApplicationError` with a stable code; the console turns it into a
form error, the API into ``{"error": …}`` with its status.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reclamo.accounts.models import User
from reclamo.billing.remedy_statement import applied_remedy_statement
from reclamo.casework.models import CaseAssignment, CaseNote, Statement, TechnicianVisit
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import (
    Complaint,
    ComplaintDeadline,
    ComplaintEvent,
    ComplaintMessage,
)
from reclamo.domain.deadlines import CaseFacts, deadlines_at_registration, extension_decide
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import fault_charges
from reclamo.domain.vocabulary import (
    COMPLEXITIES,
    EQUIPMENT_OWNERSHIPS,
    FAULT_CAUSES,
    FAULT_VALIDITIES,
    OUTCOMES,
)
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of

__all__ = [
    "OPEN_STATUSES",
    "case_take",
    "complaint_complexity_change",
    "complaint_decide",
    "complaint_department_change",
    "complaint_extend",
    "complaint_facts",
    "complaint_investigation_update",
    "note_add",
    "older_open_case",
    "reply_send",
    "visit_charge",
    "visit_record",
]

OPEN_STATUSES = ("registered", "in_progress", "waiting_for_customer")
# Outcomes that need reasons the customer can read (a negative or partial answer, PN-9).
_REASONED = frozenset({"rejected", "partially_upheld"})
# Extension refusals that are conflicts with the procedure (api.md: 409); others are bad input.
_EXTENSION_CONFLICTS = frozenset(
    {"extension_not_allowed", "extension_already_used", "extension_too_late", "extension_too_long"}
)


def complaint_facts(complaint: Complaint, **changes: Any) -> CaseFacts:
    """The facts the deadlines of ``complaint`` were computed from, with ``changes`` applied."""
    facts = CaseFacts(
        kind=complaint.kind,
        channel=complaint.channel,
        received_at=complaint.received_at,
        category=complaint.category,
        department=complaint.department or None,
        complexity=complaint.complexity,
        fault_location=complaint.fault_location,
        fault_started_at=complaint.fault_started_at,
        defect_discovered_at=complaint.defect_discovered_at or complaint.defect_discovered_on,
        invoice_delivered_at=complaint.invoice_delivered_on,
        service_restored_at=complaint.service_restored_at,
    )
    return replace(facts, **changes)


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("provider", "policy_version")
        .get(pk=complaint.pk)
    )


def _require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ApplicationError(
            "case_settled",
            f"Case {complaint.number} is already settled ({complaint.status}).",
            "status",
        )


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


# --- Taking a case from the queue ---------------------------------------------------------------


def case_take(*, complaint: Complaint, user: User, now: datetime | None = None) -> bool:
    """Take ``complaint`` for ``user``. A conditional UPDATE (``agent IS NULL``) decides a race:
    True for the winner; False when someone else had it already (the loser is told)."""
    now = _now(now)
    CaseAssignment.objects.get_or_create(complaint=complaint)
    with transaction.atomic(durable=True):
        won = CaseAssignment.objects.filter(complaint=complaint, agent__isnull=True).update(
            agent=user, taken_at=now
        )
        if won:
            if complaint.status == "registered":
                Complaint.objects.filter(pk=complaint.pk, status="registered").update(
                    status="in_progress"
                )
            complaint_event_record(
                complaint=complaint,
                actor=Actor.staff(user),
                type="taken",
                at=now,
                after={"agent": user.get_username()},
            )
    return bool(won)


# --- Notes and replies --------------------------------------------------------------------------


def note_add(
    *, complaint: Complaint, user: User, text: str, now: datetime | None = None
) -> CaseNote:
    """An internal note (staff only; never sent to the customer)."""
    text = text.strip()
    if not text:
        raise ApplicationError("note_empty", "Write the note first.", "text", status=422)
    now = _now(now)
    with transaction.atomic(durable=True):
        note = CaseNote.objects.create(complaint=complaint, at=now, author=user, text=text)
        complaint_event_record(
            complaint=complaint, actor=Actor.staff(user), type="note_added", at=now
        )
    return note


def _mail_domain() -> str:
    return urlsplit(settings.RECLAMO_BASE_URL).hostname or "localhost"


def reply_send(
    *, complaint: Complaint, user: User, subject: str, body: str, now: datetime | None = None
) -> ComplaintMessage:
    """Email a reply to the customer. The subject carries the case number and the headers
    reference the case, so the customer's answer threads back in through the email channel."""
    from reclamo.casework.tasks import reply_deliver  # the task module imports this one

    body = body.strip()
    if not body:
        raise ApplicationError("reply_empty", "Write the reply first.", "body", status=422)
    if not complaint.customer_email:
        raise ApplicationError(
            "no_customer_email",
            "The customer gave no email address; write to them by post.",
            "body",
            status=422,
        )
    now = _now(now)
    subject = (subject.strip() or complaint.subject)[:250]
    if complaint.number not in subject:
        subject = f"[{complaint.number}] {subject}"
    domain = _mail_domain()
    case = f"{complaint.number}.{complaint.provider.slug}"
    with transaction.atomic(durable=True):
        message = ComplaintMessage.objects.create(
            provider=complaint.provider,
            complaint=complaint,
            direction="out",
            channel="email",
            at=now,
            sender=settings.DEFAULT_FROM_EMAIL,
            recipients=complaint.customer_email,
            subject=subject,
            body_text=body,
            message_id=f"<reply.{uuid.uuid4().hex}.{case}@{domain}>",
            in_reply_to=f"<case.{case}@{domain}>",
            author=user,
        )
        complaint_event_record(
            complaint=complaint,
            actor=Actor.staff(user),
            type="reply_sent",
            at=now,
            after={"to": complaint.customer_email, "subject": subject},
        )
        message_id = message.pk
        transaction.on_commit(lambda: reply_deliver.enqueue(message_id))
    return message


# --- The extension (UN-9) -----------------------------------------------------------------------


def complaint_extend(
    *, complaint: Complaint, actor: Actor, days: int, reason: str, now: datetime | None = None
) -> Complaint:
    """Extend the resolution period once, before the first deadline, up to the procedure's limit
    (UN-9). The current resolution deadline is superseded by a new row, the event recorded, and
    the customer's notice leaves after commit (before the first deadline passes, since the
    extension must be decided before it).

    Raises ``extension_not_allowed``, ``extension_already_used``, ``extension_too_late``,
    ``extension_too_long`` (409) and ``reason_required`` (422)."""
    from reclamo.casework.tasks import letter_send

    now = _now(now)
    with transaction.atomic(durable=True):
        locked = _locked(complaint)
        _require_open(locked)
        policy = policy_of(locked.policy_version)
        so_far = ComplaintEvent.objects.filter(complaint=locked, type="deadline_extended").count()
        try:
            decision = extension_decide(
                policy,
                complaint_facts(locked),
                decided_at=now,
                extend_by_days=days,
                extensions_so_far=so_far,
                reason=reason,
                registered_at=locked.registered_at,
            )
        except DomainError as error:
            status = 409 if error.code in _EXTENSION_CONFLICTS else 422
            raise ApplicationError(
                error.code, error.message, error.field, status=status, params=error.params
            ) from None
        current = ComplaintDeadline.objects.get(
            complaint=locked, clock="resolution", superseded_at__isnull=True
        )
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
        ComplaintDeadline.objects.create(
            complaint=locked,
            clock="resolution",
            due_at=decision.resolution,
            rule=decision.rule,
            basis_amount=current.basis_amount + days,
            basis_unit=current.basis_unit,
            counted_from=current.counted_from,
            created_at=now,
        )
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="deadline_extended",
            at=now,
            before={"resolution": decision.previous_resolution.isoformat()},
            after={
                "resolution": decision.resolution.isoformat(),
                "days": days,
                "reason": reason.strip(),
                "rule": decision.rule,
            },
        )
        complaint_id = locked.pk
        transaction.on_commit(lambda: letter_send.enqueue(complaint_id, "extension_notice"))
    return locked


# --- The decision and its written statement (UN-11, PC-14, PC-15, PN-9) -------------------------


def older_open_case(*, complaint: Complaint, policy: Policy) -> Complaint | None:
    """PC-14: an older open case of the same queue (department), where the procedure resolves
    cases first in, first out; None where it does not or none is older."""
    if policy.case_handling.order != "first_in_first_out":
        return None
    return (
        Complaint.objects.filter(
            provider_id=complaint.provider_id,
            department=complaint.department,
            status__in=OPEN_STATUSES,
            received_at__lt=complaint.received_at,
        )
        .exclude(pk=complaint.pk)
        .order_by("received_at", "number")
        .first()
    )


def complaint_decide(
    *,
    complaint: Complaint,
    actor: Actor,
    outcome: str,
    reasons: str,
    remedy: Mapping[str, Any] | None = None,
    sent_at: datetime | None = None,
    out_of_order_reason: str = "",
    now: datetime | None = None,
) -> Statement:
    """Record the outcome and issue the written statement.

    The statement is sent by email with the PDF attached where the customer gave an address,
    else it is marked printed for post; ``sent_at`` (default now; a past instant records a
    letter posted earlier) is the procedure's end (UN-11, PC-15). Deciding while an older case
    of the same queue is open needs ``out_of_order_reason`` (PC-14), kept in the history.

    Raises ``unknown_outcome``, ``reasons_required``, ``out_of_range`` (422),
    ``already_decided`` and ``out_of_order_reason_required`` (409)."""
    from reclamo.casework.tasks import letter_send

    now = _now(now)
    if outcome not in OUTCOMES:
        raise ApplicationError(
            "unknown_outcome", f"Unknown outcome {outcome!r}.", "outcome", status=422
        )
    reasons = reasons.strip()
    if outcome in _REASONED and not reasons:
        raise ApplicationError(
            "reasons_required",
            "A rejection or a partial outcome needs the reasons the customer is told.",
            "reasons",
            status=422,
        )
    sent = sent_at or now
    if sent.tzinfo is None:
        raise ApplicationError(
            "instant_without_offset", "sent_at needs its UTC offset.", "sent_at", status=422
        )
    if sent > now or sent < complaint.received_at:
        raise ApplicationError(
            "out_of_range",
            "sent_at must lie between the case's receipt and now.",
            "sent_at",
            status=422,
        )
    with transaction.atomic(durable=True):
        locked = _locked(complaint)
        if (
            Statement.objects.filter(complaint=locked).exists()
            or locked.status not in OPEN_STATUSES
        ):
            raise ApplicationError(
                "already_decided", f"Case {locked.number} is already decided.", "outcome"
            )
        policy = policy_of(locked.policy_version)
        older = older_open_case(complaint=locked, policy=policy)
        out_of_order_reason = out_of_order_reason.strip()
        if older is not None and not out_of_order_reason:
            raise ApplicationError(
                "out_of_order_reason_required",
                f"Case {older.number} of the same queue is older and still open; say why this "
                f"one is decided first ({policy.case_handling.rule or 'PC-14'}).",
                "out_of_order_reason",
            )
        means = "email" if locked.customer_email else "post"
        statement = Statement.objects.create(
            complaint=locked,
            outcome=outcome,
            reasons=reasons,
            # Without one given, the remedy applied in the case (its schedule and working).
            remedy=dict(remedy)
            if remedy is not None
            else applied_remedy_statement(complaint=locked),
            decided_at=now,
            decided_by=actor.user,
            decided_by_label=actor.label[:150],
            sent_at=sent.astimezone(UTC),
            means=means,
            language=locked.customer_language or policy.default_language,
            out_of_order_reason=out_of_order_reason if older is not None else "",
        )
        before = {"status": locked.status, "outcome": locked.outcome}
        # api.md: a decision answers `status: "resolved"` whatever the outcome (a withdrawal
        # decided by a statement included); the outcome says which.
        locked.status = "resolved"
        locked.outcome = outcome
        # The case record carries the decision's instants for the register and the reports; the
        # sending is the procedure's end (UN-11, PC-15).
        locked.decided_at = now
        locked.statement_sent_at = statement.sent_at
        locked.save(update_fields=["status", "outcome", "decided_at", "statement_sent_at"])
        if older is not None:
            complaint_event_record(
                complaint=locked,
                actor=actor,
                type="decided_out_of_order",
                at=now,
                after={
                    "older_case": older.number,
                    "reason": out_of_order_reason,
                    "rule": policy.case_handling.rule or "PC-14",
                },
            )
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="decided",
            at=now,
            before=before,
            after={
                "status": locked.status,
                "outcome": outcome,
                "reasons": reasons,
                "remedy": statement.remedy,
                "statement_sent_at": sent.isoformat(),
                "means": means,
                # The procedure ends on the day the written result is sent (UN-11, PC-15).
                "procedure_end_rule": policy.outcome.ends_rule or policy.outcome.rule,
            },
        )
        complaint_id = locked.pk
        # PN-7: the result goes through the contact data the customer gave. With an address the
        # statement is e-mailed; with only a phone number it is printed for post and the result
        # is told at once by text message (UN-12: in writing or by phone).
        if means == "email" or locked.customer_phone:
            transaction.on_commit(lambda: letter_send.enqueue(complaint_id, "statement"))
    return statement


# --- The investigation (PC-12, UN-2, PC-3, UN-5, UN-6, PC-8, PC-10) -----------------------------


def complaint_complexity_change(
    *, complaint: Complaint, user: User, complexity: str, now: datetime | None = None
) -> Complaint:
    """Classify the complaint's complexity; the resolution period is recomputed from receipt
    (PC-12) and every deadline that moves gets a new row, the old one superseded."""
    if complexity not in COMPLEXITIES:
        raise ApplicationError(
            "unknown_value", f"Unknown complexity {complexity!r}.", "complexity", status=422
        )
    now = _now(now)
    with transaction.atomic(durable=True):
        locked = _locked(complaint)
        _require_open(locked)
        policy = policy_of(locked.policy_version)
        try:
            decision = deadlines_at_registration(
                policy,
                complaint_facts(locked, complexity=complexity),
                registered_at=locked.registered_at,
            )
        except DomainError as error:
            raise ApplicationError(error.code, error.message, error.field, status=422) from None
        current = {
            row.clock: row
            for row in ComplaintDeadline.objects.filter(
                complaint=locked, superseded_at__isnull=True
            )
        }
        moved: dict[str, dict[str, str | None]] = {}
        for deadline in decision.deadlines:
            row = current.get(deadline.clock)
            if row is not None and row.due_at == deadline.due_at:
                continue
            if row is not None:
                row.superseded_at = now
                row.save(update_fields=["superseded_at"])
            ComplaintDeadline.objects.create(
                complaint=locked,
                clock=deadline.clock,
                due_at=deadline.due_at,
                rule=deadline.rule,
                basis_amount=deadline.basis.amount,
                basis_unit=deadline.basis.unit,
                counted_from=deadline.basis.counted_from,
                milestone=deadline.milestone,
                created_at=now,
            )
            moved[deadline.clock] = {
                "before": row.due_at.isoformat() if row is not None else None,
                "after": deadline.due_at.isoformat(),
            }
        before = locked.complexity
        locked.complexity = decision.complexity or complexity
        locked.save(update_fields=["complexity"])
        complaint_event_record(
            complaint=locked,
            actor=Actor.staff(user),
            type="complexity_changed",
            at=now,
            before={"complexity": before},
            after={"complexity": locked.complexity, "deadlines": moved, "rule": "PC-12"},
        )
    return locked


def complaint_department_change(
    *,
    complaint: Complaint,
    user: User,
    department: str,
    category: str | None = None,
    now: datetime | None = None,
) -> Complaint:
    """Re-route a case to another department (and category), recorded (PN-1, PN-4)."""
    now = _now(now)
    with transaction.atomic(durable=True):
        locked = _locked(complaint)
        policy = policy_of(locked.policy_version)
        if policy.department(department) is None:
            raise ApplicationError(
                "unknown_department",
                f"{department!r} is not a department of this procedure.",
                "department",
                status=422,
            )
        before = {"department": locked.department, "category": locked.category}
        locked.department = department
        if category is not None:
            locked.category = category or None
        locked.save(update_fields=["department", "category"])
        CaseAssignment.objects.filter(complaint=locked).update(agent=None, taken_at=None)
        complaint_event_record(
            complaint=locked,
            actor=Actor.staff(user),
            type="rerouted",
            at=now,
            before=before,
            after={"department": locked.department, "category": locked.category},
        )
    return locked


def complaint_investigation_update(
    *,
    complaint: Complaint,
    user: User,
    fault_cause: str | None,
    fault_validity: str | None,
    equipment_ownership: str | None,
    equipment_since: date | None,
    now: datetime | None = None,
) -> Complaint:
    """Who caused the fault (UN-5, PC-8), whether the fault report was valid, and the
    equipment whose warranty applies (UN-2 rented, PC-3 purchased); the changes recorded."""
    for value, allowed, field in (
        (fault_cause, FAULT_CAUSES, "fault_cause"),
        (fault_validity, FAULT_VALIDITIES, "fault_validity"),
        (equipment_ownership, EQUIPMENT_OWNERSHIPS, "equipment_ownership"),
    ):
        if value is not None and value not in allowed:
            raise ApplicationError(
                "unknown_value", f"Unknown {field} {value!r}.", field, status=422
            )
    now = _now(now)
    fields: dict[str, Any] = {
        "fault_cause": fault_cause,
        "fault_validity": fault_validity,
        "equipment_ownership": equipment_ownership,
        "equipment_since": equipment_since,
    }
    with transaction.atomic(durable=True):
        locked = _locked(complaint)
        changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
        if not changed:
            return locked
        before = {k: getattr(locked, k) for k in changed}
        for key, value in changed.items():
            setattr(locked, key, value)
        locked.save(update_fields=list(changed))
        complaint_event_record(
            complaint=locked,
            actor=Actor.staff(user),
            type="investigation_updated",
            at=now,
            before=before,
            after=changed,
        )
    return locked


def visit_charge(*, visit: TechnicianVisit, policy: Policy) -> tuple[Decimal, str] | None:
    """The hook for the remedies engine: what the visit costs the customer from the price list
    (UN-6 per km when the customer caused the fault; PC-10 per trip when they insisted on an
    unneeded one). None until the provider's price list has amounts."""
    try:
        charges = fault_charges(
            policy,
            customer_caused=visit.customer_caused,
            trip_km=visit.kilometres,
            trips=visit.trips if visit.customer_insisted else 0,
            trip_unnecessary_on_request=visit.customer_insisted,
        )
    except DomainError:  # a price not set yet, or no distance for a per-km trip
        return None
    if not charges.lines:
        return None
    return charges.total.amount, charges.total.currency


def visit_record(
    *,
    complaint: Complaint,
    user: User,
    visited_at: datetime,
    kilometres: Decimal | None,
    trips: int,
    customer_caused: bool,
    customer_insisted: bool,
    note: str = "",
    now: datetime | None = None,
) -> TechnicianVisit:
    """A technician's visit, citing the rule that may charge it (UN-6, PC-10)."""
    now = _now(now)
    if visited_at.tzinfo is None:
        raise ApplicationError(
            "instant_without_offset", "visited_at needs its UTC offset.", "visited_at", status=422
        )
    if visited_at > now:
        raise ApplicationError(
            "out_of_range", "A visit cannot be in the future.", "visited_at", status=422
        )
    policy = policy_of(complaint.policy_version)
    trips_rules = policy.remedies.technician_trips
    rule = trips_rules[0].rule if trips_rules else ""
    with transaction.atomic(durable=True):
        visit = TechnicianVisit(
            complaint=complaint,
            visited_at=visited_at,
            kilometres=kilometres,
            trips=trips,
            customer_caused=customer_caused,
            customer_insisted=customer_insisted,
            note=note.strip(),
            rule=rule,
            recorded_at=now,
            recorded_by=user,
        )
        charge = visit_charge(visit=visit, policy=policy)
        if charge is not None:
            visit.charge_amount, visit.charge_currency = charge
        visit.save()
        complaint_event_record(
            complaint=complaint,
            actor=Actor.staff(user),
            type="technician_visit_recorded",
            at=now,
            after={
                "visited_at": visited_at.isoformat(),
                "kilometres": str(kilometres) if kilometres is not None else None,
                "trips": trips,
                "customer_caused": customer_caused,
                "customer_insisted": customer_insisted,
                "rule": rule,
            },
        )
    return visit
