"""Reads of case handling. Every selector takes the provider (or a case already scoped to it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Q, Subquery

from reclamo.casework.models import CaseNote, Statement, TechnicianVisit, TimerMark
from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.keyset import cursor_decode, cursor_encode
from reclamo.letters.models import Delivery
from reclamo.providers.models import Provider

__all__ = [
    "QueuePage",
    "TimelineEntry",
    "case_timeline",
    "queue_page",
    "statement_of",
    "timer_marks_of",
    "visits_of",
]


@dataclass(frozen=True, slots=True)
class QueuePage:
    items: Sequence[Complaint]
    next: str | None


def queue_page(
    *, provider: Provider, department: str, cursor: str | None = None, limit: int = 50
) -> QueuePage:
    """A department's open cases, first in first out (PC-14), each with its nearest current
    deadline (``nearest_due_at``, ``nearest_clock``, ``nearest_rule``) and who took it
    (``assignment``): one query per page at any depth (keyset on received_at, number)."""
    nearest = ComplaintDeadline.objects.filter(
        complaint=OuterRef("pk"), superseded_at__isnull=True
    ).order_by("due_at", "clock")
    queryset = Complaint.objects.filter(
        provider=provider, department=department, status__in=OPEN_STATUSES
    )
    if cursor:
        received_at, number = cursor_decode(cursor, key_type=str, list_name="register")
        queryset = queryset.filter(received_at__gte=received_at).filter(
            Q(received_at__gt=received_at) | Q(number__gt=number)
        )
    rows = list(
        queryset.annotate(
            nearest_due_at=Subquery(nearest.values("due_at")[:1]),
            nearest_clock=Subquery(nearest.values("clock")[:1]),
            nearest_rule=Subquery(nearest.values("rule")[:1]),
        )
        .select_related("assignment__agent")
        .order_by("received_at", "number")[: limit + 1]
    )
    more = len(rows) > limit
    items = rows[:limit]
    return QueuePage(
        items=items,
        next=cursor_encode(items[-1].received_at, items[-1].number) if more and items else None,
    )


def statement_of(*, complaint: Complaint) -> Statement | None:
    return Statement.objects.filter(complaint=complaint).first()


def visits_of(*, complaint: Complaint) -> list[TechnicianVisit]:
    return list(TechnicianVisit.objects.filter(complaint=complaint).select_related("recorded_by"))


def timer_marks_of(*, complaint: Complaint) -> list[TimerMark]:
    return list(TimerMark.objects.filter(deadline__complaint=complaint))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # event, message, note, letter
    title: str
    detail: str
    actor: str
    data: Any = None


def case_timeline(*, complaint: Complaint) -> list[TimelineEntry]:
    """Every event of the audit trail, every message, internal note and letter, oldest first
    (four queries)."""
    entries: list[TimelineEntry] = []
    # The case page loads the events with the case (``with_events``); others query them here.
    events = getattr(complaint, "event_list", None)
    if events is None:
        events = complaint.events.order_by("at", "id")
    for event in events:
        entries.append(
            TimelineEntry(
                event.at,
                "event",
                event.type,
                "",
                (
                    f"{event.get_actor_type_display()} ({event.actor_label})"
                    if event.actor_label
                    else str(event.get_actor_type_display())
                ),
                event.data,
            )
        )
    for message in complaint.messages.order_by("at", "id"):
        entries.append(
            TimelineEntry(
                message.at,
                f"message_{message.direction}",
                message.subject,
                message.body_text,
                message.sender,
            )
        )
    for note in CaseNote.objects.filter(complaint=complaint).select_related("author"):
        entries.append(TimelineEntry(note.at, "note", "", note.text, note.author.get_username()))
    for delivery in Delivery.objects.filter(complaint=complaint):
        entries.append(
            TimelineEntry(
                delivery.sent_at or delivery.created_at,
                "letter",
                delivery.get_kind_display(),
                f"{delivery.channel} {delivery.to} · {delivery.status}",
                "reclamo",
            )
        )
    return sorted(entries, key=lambda entry: entry.at)
