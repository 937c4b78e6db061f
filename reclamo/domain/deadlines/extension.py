"""A UN-9 extension of the resolution period: checked against the policy, applied from the
same start as the period it extends."""

from __future__ import annotations

from datetime import datetime

from reclamo.domain.calendar import require_aware
from reclamo.domain.deadlines.clocks import period_ends_at, resolution_choice
from reclamo.domain.deadlines.decision import deadlines_at_registration
from reclamo.domain.deadlines.facts import CaseFacts, event_at
from reclamo.domain.deadlines.records import ExtensionDecision
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Period, Policy

__all__ = ["extension_decide"]


def extension_decide(
    policy: Policy,
    facts: CaseFacts,
    *,
    decided_at: datetime,
    extend_by_days: int,
    extensions_so_far: int,
    reason: str,
    registered_at: datetime | None = None,
) -> ExtensionDecision:
    """Check and apply an extension of the resolution period (UN-9).

    Refused (``DomainError``) where the policy allows none, a previous extension used the
    allowance, the first deadline has passed at ``decided_at``, the reason is missing, or the
    extension is longer than allowed. The extended period is counted from the same start as one
    period (T-1, T-2), so it never ends after the longest period.
    """
    require_aware(decided_at, field="decided_at")
    registration = deadlines_at_registration(
        policy, facts, registered_at=registered_at or facts.received_at
    )
    choice = resolution_choice(
        policy, registration.treated_as or "", facts.category, facts.complexity
    )
    clock = choice.clock if choice is not None else None
    extension = clock.extension if clock is not None else None
    current = registration.due_at("resolution")
    if clock is None or extension is None or current is None:
        raise DomainError(
            f"{policy.provider.brand}'s procedure allows no extension of this resolution period.",
            field="extend_by_days",
            code="extension_not_allowed",
        )
    if extensions_so_far >= extension.times:
        raise DomainError(
            f"The resolution period may be extended {_times(extension.times)} only "
            f"({extension.rule}); it has been extended already.",
            field="extend_by_days",
            code="extension_already_used",
        )
    if extension.reason_required and not reason.strip():
        raise DomainError(
            f"An extension needs a reason the customer is told ({extension.rule}).",
            field="reason",
            code="reason_required",
        )
    if extension.decide_before_deadline and decided_at > current:
        raise DomainError(
            f"The resolution deadline passed on {current.isoformat()}; an extension must be "
            f"decided before it ({extension.rule}).",
            field="decided_at",
            code="extension_too_late",
        )
    if clock.within.unit != "days" or extension.max_extension.unit != "days":
        raise DomainError(
            "Only periods in days can be extended by days.",
            field="extend_by_days",
            code="extension_not_allowed",
        )
    if not 0 < extend_by_days <= extension.max_extension.amount:
        raise DomainError(
            f"An extension is 1 to {extension.max_extension.amount} days ({extension.rule}), "
            f"not {extend_by_days}.",
            field="extend_by_days",
            code="extension_too_long",
        )
    start = event_at(policy, clock.from_, facts, registered_at)
    if start is None:  # pragma: no cover - the resolution deadline was computed from it
        raise DomainError("The resolution period has no start.", code="extension_not_allowed")
    extended = Period(amount=clock.within.amount + extend_by_days, unit="days")
    new_deadline = period_ends_at(policy, extended, start, roll=clock.roll_to_working_day)
    longest = period_ends_at(policy, extension.longest, start, roll=clock.roll_to_working_day)
    if new_deadline > longest:
        raise DomainError(
            f"The extended period would end after the longest allowed ({longest.isoformat()}, "
            f"{extension.rule}).",
            field="extend_by_days",
            code="extension_too_long",
        )
    return ExtensionDecision(
        resolution=new_deadline,
        extended_by_days=extend_by_days,
        previous_resolution=current,
        longest=longest,
        rule=extension.rule,
    )


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"
