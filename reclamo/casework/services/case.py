"""The case in hand: the facts its deadlines come from, reading it under a row lock, whether it
is still open, and taking it from a department's queue."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from reclamo.accounts.models import User
from reclamo.casework.models import CaseAssignment
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.domain.deadlines import CaseFacts
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.errors import ApplicationError

__all__ = [
    "case_take",
    "complaint_facts",
    "complaint_locked",
    "complaint_require_open",
    "now_or_current",
]


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


def complaint_locked(complaint: Complaint) -> Complaint:
    """``complaint`` read again under a row lock (only its own row), with what a change reads."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("provider", "policy_version")
        .get(pk=complaint.pk)
    )


def complaint_require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ApplicationError(
            "case_settled",
            f"Case {complaint.number} is already settled ({complaint.status}).",
            "status",
        )


def now_or_current(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def case_take(*, complaint: Complaint, user: User, now: datetime | None = None) -> bool:
    """Take ``complaint`` for ``user``. A conditional UPDATE (``agent IS NULL``) decides a race:
    True for the winner; False when someone else had it already (the loser is told)."""
    now = now_or_current(now)
    with transaction.atomic(durable=True):
        CaseAssignment.objects.get_or_create(complaint=complaint)
        won = CaseAssignment.objects.filter(complaint=complaint, agent__isnull=True).update(
            agent=user, taken_at=now
        )
        if won:
            # Taking a new case starts its handling; the event says so when it did.
            started = Complaint.objects.filter(pk=complaint.pk, status="registered").update(
                status="in_progress"
            )
            complaint_event_record(
                complaint=complaint,
                actor=Actor.staff(user),
                type="taken",
                at=now,
                before={"status": "registered"} if started else None,
                after={"agent": user.get_username()}
                | ({"status": "in_progress"} if started else {}),
            )
    return bool(won)
