"""A case as the API answers it (api.md "A case"), and what a registration takes in.

One builder, :func:`case_answer`, serves the `201` of a registration, each item of the register
and the single case, so the three never drift apart. Instants are answered in the provider's
local offset (T-6): the zone of the policy version that governs the case, or for the register
the zone of the procedure in force today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from reclamo.api.deadline_preview import (
    DeadlinePreviewIn,
    DeadlinesOut,
    FilingOut,
    MessageOut,
    PolicyRef,
)
from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.domain.calendar import get_zone
from reclamo.domain.vocabulary import CLOCKS, CaseStatus

Language = Literal["ro", "sk", "hu", "en"]
# The model's column widths: longer input is refused (422), never cut or failed at the database.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class CustomerIn(Schema):
    name: Name
    email: str = Field("", max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+$")
    phone: str = Field("", max_length=32)
    reference: str = Field("", max_length=100)
    language: Language | None = Field(
        None, description="The language of every letter; the procedure's default when absent."
    )


class RegistrationIn(DeadlinePreviewIn):
    """The preview's facts plus who complains and what they say."""

    customer: CustomerIn
    subject: str = Field("", max_length=300)
    body: str = Field("", max_length=100_000)


class CustomerOut(Schema):
    name: str
    email: str
    phone: str
    reference: str
    language: str


class CaseOut(Schema):
    number: str
    provider: str
    status: CaseStatus
    kind: str
    treated_as: str
    category: str | None
    channel: str
    department: str
    received_at: datetime
    registered_at: datetime
    customer: CustomerOut
    subject: str
    body: str
    deadlines: DeadlinesOut  # type: ignore[valid-type]
    outcome: str | None


class RegistrationOut(CaseOut):
    """The `201`: the registered case plus what the preview would have answered."""

    policy: PolicyRef
    accepted: bool
    refusal: MessageOut | None
    notice: MessageOut | None
    filing: FilingOut | None
    rules: list[str]


class EventOut(Schema):
    at: datetime
    type: str
    actor: str = Field(
        description='"staff:NAME", "integration:TOKEN_PREFIX", "customer" or "system".'
    )
    data: dict[str, Any] = Field(description="The changed fields: `before` and `after`.")


class CaseWithEventsOut(CaseOut):
    events: list[EventOut]


class RegisterOut(Schema):
    items: list[CaseOut]
    next: str | None


def case_answer(
    complaint: Complaint, *, deadlines: Mapping[str, datetime], time_zone: str
) -> dict[str, Any]:
    """The contract's case; `deadlines` maps a clock to its current due instant."""
    zone = get_zone(time_zone)
    return {
        "number": complaint.number,
        "provider": complaint.provider.slug,
        "status": complaint.status,
        "kind": complaint.kind,
        "treated_as": complaint.treated_as,
        "category": complaint.category,
        "channel": complaint.channel,
        "department": complaint.department,
        "received_at": complaint.received_at.astimezone(zone),
        "registered_at": complaint.registered_at.astimezone(zone),
        "customer": {
            "name": complaint.customer_name,
            "email": complaint.customer_email,
            "phone": complaint.customer_phone,
            "reference": complaint.customer_reference,
            "language": complaint.customer_language,
        },
        "subject": complaint.subject,
        "body": complaint.body,
        "deadlines": {
            clock: due.astimezone(zone) if (due := deadlines.get(clock)) else None
            for clock in CLOCKS
        },
        "outcome": complaint.outcome,
    }


def current_deadlines(rows: Iterable[ComplaintDeadline]) -> dict[str, datetime]:
    """The prefetched `current_deadlines` rows (complaint selectors) by clock."""
    return {row.clock: row.due_at for row in rows}


def event_actor(event: ComplaintEvent) -> str:
    if event.actor_type in {"staff", "integration"}:
        return f"{event.actor_type}:{event.actor_label}"
    return event.actor_type


def event_answer(event: ComplaintEvent, *, time_zone: str) -> dict[str, Any]:
    return {
        "at": event.at.astimezone(get_zone(time_zone)),
        "type": event.type,
        "actor": event_actor(event),
        "data": event.data,
    }
