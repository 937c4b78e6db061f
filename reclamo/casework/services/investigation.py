"""The investigation (PC-12, UN-2, PC-3, UN-5, UN-6, PC-8, PC-10): the complaint's complexity and
department, who caused the fault and whose equipment it is, and the technicians' visits with
what they may cost the customer."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from reclamo.accounts.models import User
from reclamo.casework.models import CaseAssignment, TechnicianVisit
from reclamo.casework.services.case import (
    complaint_facts,
    complaint_locked,
    complaint_require_open,
    now_or_current,
)
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.complaints.services import complaint_deadline_row, complaint_fields_change
from reclamo.domain.deadlines import deadlines_at_registration
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import fault_charges
from reclamo.domain.vocabulary import (
    COMPLEXITIES,
    EQUIPMENT_OWNERSHIPS,
    FAULT_CAUSES,
    FAULT_VALIDITIES,
)
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of

__all__ = [
    "complaint_complexity_change",
    "complaint_department_change",
    "complaint_investigation_update",
    "visit_charge",
    "visit_record",
]


def complaint_complexity_change(
    *, complaint: Complaint, user: User, complexity: str, now: datetime | None = None
) -> Complaint:
    """Classify the complaint's complexity; the resolution period is recomputed from receipt
    (PC-12) and every deadline that moves gets a new row, the old one superseded."""
    if complexity not in COMPLEXITIES:
        raise ApplicationError(
            "unknown_value", f"Unknown complexity {complexity!r}.", "complexity", status=422
        )
    now = now_or_current(now)
    with transaction.atomic(durable=True):
        locked = complaint_locked(complaint)
        complaint_require_open(locked)
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
            complaint_deadline_row(complaint=locked, deadline=deadline, created_at=now).save(
                force_insert=True
            )
            moved[deadline.clock] = {
                "before": row.due_at.isoformat() if row is not None else None,
                "after": deadline.due_at.isoformat(),
            }
        complaint_fields_change(
            complaint=locked,
            actor=Actor.staff(user),
            type="complexity_changed",
            at=now,
            fields={"complexity": decision.complexity or complexity},
            after={"deadlines": moved, "rule": "PC-12"},
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
    now = now_or_current(now)
    with transaction.atomic(durable=True):
        locked = complaint_locked(complaint)
        complaint_require_open(locked)  # a settled case has left every queue
        policy = policy_of(locked.policy_version)
        if policy.department(department) is None:
            raise ApplicationError(
                "unknown_department",
                f"{department!r} is not a department of this procedure.",
                "department",
                status=422,
            )
        complaint_fields_change(
            complaint=locked,
            actor=Actor.staff(user),
            type="rerouted",
            at=now,
            fields={
                "department": department,
                "category": (category or None) if category is not None else locked.category,
            },
        )
        # The new department's queue takes the case afresh.
        CaseAssignment.objects.filter(complaint=locked).update(agent=None, taken_at=None)
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
    now = now_or_current(now)
    fields: dict[str, Any] = {
        "fault_cause": fault_cause,
        "fault_validity": fault_validity,
        "equipment_ownership": equipment_ownership,
        "equipment_since": equipment_since,
    }
    with transaction.atomic(durable=True):
        locked = complaint_locked(complaint)
        # The findings stand as the written statement gave them once the case is settled.
        complaint_require_open(locked)
        changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
        if not changed:
            return locked
        complaint_fields_change(
            complaint=locked,
            actor=Actor.staff(user),
            type="investigation_updated",
            at=now,
            fields=changed,
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
    now = now_or_current(now)
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
