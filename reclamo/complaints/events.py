"""Recording a change in a case's audit trail, in the transaction that makes the change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection

from reclamo.accounts.models import User
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.domain.vocabulary import ActorType

__all__ = ["Actor", "EventOutsideTransaction", "complaint_event_record"]


class EventOutsideTransaction(RuntimeError):
    """An event written outside the change's transaction could survive a change that did not."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a staff user, the customer, an integration token, or the system."""

    type: ActorType
    label: str = ""
    user: User | None = None

    @classmethod
    def staff(cls, user: User) -> Actor:
        return cls(type="staff", label=user.get_username(), user=user)

    @classmethod
    def customer(cls, label: str, user: User | None = None) -> Actor:
        return cls(type="customer", label=label, user=user)

    @classmethod
    def integration(cls, token_prefix: str) -> Actor:
        return cls(type="integration", label=token_prefix)

    @classmethod
    def system(cls, label: str = "reclamo") -> Actor:
        return cls(type="system", label=label)


def complaint_event_record(
    *,
    complaint: Complaint,
    actor: Actor,
    type: str,
    at: datetime,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> ComplaintEvent:
    """Append one event (`type`, e.g. "registered", "deadline_extended") to `complaint`'s trail.

    `before` and `after` hold the changed fields only. Must run inside the change's
    `transaction.atomic()`, so the event and the change commit or roll back together.
    """
    if not connection.in_atomic_block:
        raise EventOutsideTransaction(
            "record the event inside the transaction.atomic() that makes the change"
        )
    if at.tzinfo is None:
        raise ValueError("an event's instant must be timezone-aware (T-6)")
    return ComplaintEvent.objects.create(
        complaint=complaint,
        at=at,
        actor_type=actor.type,
        actor_user=actor.user,
        actor_label=actor.label,
        type=type,
        data={"before": dict(before or {}), "after": dict(after or {})},
    )
