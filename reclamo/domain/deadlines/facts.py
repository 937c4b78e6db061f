"""The facts of a case the deadlines depend on, how they are checked, and when each clock event
happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from reclamo.domain.calendar import get_zone, require_aware, require_representable
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import (
    CATEGORIES,
    CHANNEL_KINDS,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    KINDS,
    ClockEvent,
)

__all__ = ["CaseFacts", "event_at", "facts_validate"]


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known about a case when it arrives (api.md, deadline preview); values are the
    API's strings."""

    kind: str
    channel: str
    received_at: datetime
    category: str | None = None
    department: str | None = None
    complexity: str | None = None
    fault_location: str | None = None
    fault_started_at: datetime | None = None  # UN-4 counts from here
    defect_discovered_at: date | datetime | None = None  # UN-8, PC-11
    invoice_delivered_at: date | None = None  # UN-10
    service_restored_at: datetime | None = None  # PC-9


def _choice(value: str | None, allowed: tuple[str, ...], field_name: str) -> None:
    if value is not None and value not in allowed:
        raise DomainError(
            f"{field_name} {value!r} is not known; expected one of: {', '.join(allowed)}.",
            field=field_name,
            code="unknown_value",
        )


def _not_after_receipt(at: datetime | None, received_at: datetime, field_name: str) -> None:
    if at is not None and at > received_at:
        raise DomainError(
            f"{field_name} is after received_at; a case cannot be received before it happened.",
            field=field_name,
            code="after_received",
        )


def facts_validate(policy: Policy, facts: CaseFacts, registered_at: datetime | None) -> None:
    """Refuse facts that cannot be read (``DomainError`` with ``field`` and ``code``)."""
    for name in ("kind", "channel"):
        if not isinstance(getattr(facts, name), str):
            raise DomainError(f"{name} is required.", field=name, code="required")
    _choice(facts.kind, KINDS, "kind")
    _choice(facts.channel, CHANNEL_KINDS, "channel")
    _choice(facts.category, CATEGORIES, "category")
    _choice(facts.complexity, COMPLEXITIES, "complexity")
    _choice(facts.fault_location, FAULT_LOCATIONS, "fault_location")
    if facts.kind not in policy.kinds:
        raise DomainError(
            f"{policy.provider.brand}'s procedure has no {facts.kind.replace('_', ' ')}; "
            f"it takes: {', '.join(policy.kinds)}.",
            field="kind",
            code="kind_not_offered",
        )
    if facts.department is not None and policy.department(facts.department) is None:
        raise DomainError(
            f"Unknown department {facts.department!r}; departments: "
            f"{', '.join(policy.department_slugs)}.",
            field="department",
            code="unknown_department",
        )
    # T-6, and within what the product can count deadlines in (out_of_range names the field).
    received_at = require_representable(facts.received_at, field="received_at")
    for name in ("fault_started_at", "service_restored_at"):
        value = getattr(facts, name)
        if value is not None:
            require_representable(value, field=name)
    if registered_at is not None:
        require_aware(registered_at, field="registered_at")
        if registered_at < received_at:
            raise DomainError(
                "registered_at is before received_at; a case is registered after it arrives.",
                field="registered_at",
                code="before_received",
            )
    discovered = facts.defect_discovered_at
    if isinstance(discovered, datetime):
        require_representable(discovered, field="defect_discovered_at")
        _not_after_receipt(discovered, received_at, "defect_discovered_at")
    elif discovered is not None and not isinstance(discovered, date):
        raise DomainError(
            "defect_discovered_at must be a date or an instant.",
            field="defect_discovered_at",
            code="invalid",
        )
    _not_after_receipt(facts.fault_started_at, received_at, "fault_started_at")
    # A discount claim (PC-9) cannot precede the restoration it claims for (procedures.md,
    # readings 2026-11-22).
    _not_after_receipt(facts.service_restored_at, received_at, "service_restored_at")
    delivered = facts.invoice_delivered_at
    if delivered is not None and (
        not isinstance(delivered, date) or isinstance(delivered, datetime)
    ):
        raise DomainError(
            "invoice_delivered_at must be a date (YYYY-MM-DD).",
            field="invoice_delivered_at",
            code="invalid",
        )
    local_day = received_at.astimezone(get_zone(policy.time_zone)).date()
    for name, day in (
        ("defect_discovered_at", discovered if not isinstance(discovered, datetime) else None),
        ("invoice_delivered_at", delivered),
    ):
        if day is not None and day > local_day:
            raise DomainError(
                f"{name} is after the day the case was received.", field=name, code="after_received"
            )


def _day_start(policy: Policy, day: date) -> datetime:
    # Day periods count from the event's local day (T-1), so the time of day does not matter;
    # noon is never in a DST gap or fold.
    return datetime.combine(day, time(12), tzinfo=get_zone(policy.time_zone))


def event_at(
    policy: Policy, event: ClockEvent, facts: CaseFacts, registered_at: datetime | None
) -> datetime | None:
    """When ``event`` happened, or None where the facts do not say."""
    if event == "received":
        return facts.received_at
    if event == "registered":
        # Automatic intake registers on arrival (PN-2, PN-4); staff may register later.
        return registered_at or facts.received_at
    if event == "fault_started":
        return facts.fault_started_at
    if event == "defect_discovered":
        discovered = facts.defect_discovered_at
        if discovered is None or isinstance(discovered, datetime):
            return discovered
        return _day_start(policy, discovered)
    if event == "invoice_delivered":
        delivered = facts.invoice_delivered_at
        return None if delivered is None else _day_start(policy, delivered)
    if event == "service_restored":
        return facts.service_restored_at
    raise DomainError(f"Unknown clock event {event!r}.", code="unknown_value")  # pragma: no cover
