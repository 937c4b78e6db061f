"""The intake decision: accepted on this channel or refused (PC-2), treated as what (UN-1),
routed where (PN-1), the filing window and every deadline the case starts."""

from __future__ import annotations

from datetime import datetime

from reclamo.domain.deadlines.clocks import (
    DEADLINE_FAMILIES,
    Case,
    cite,
    filing_window,
    resolution_choice,
)
from reclamo.domain.deadlines.facts import CaseFacts, facts_validate
from reclamo.domain.deadlines.records import IntakeDecision, Message
from reclamo.domain.policy import CHANNELS_PLACEHOLDER, LocalizedText, Policy
from reclamo.domain.vocabulary import CLOCKS

__all__ = ["deadlines_at_registration", "fill_channels", "preview"]

_CLOCK_ORDER = {clock: position for position, clock in enumerate(CLOCKS)}


def preview(policy: Policy, facts: CaseFacts) -> IntakeDecision:
    """What registering a case with ``facts`` under ``policy`` would decide, without saving
    anything.

    Raises :class:`DomainError` (with ``field`` and ``code``) for input that cannot be read:
    an unknown value, a naive instant (T-6), an unknown department, an event after receipt.
    """
    return _decide(policy, facts, None)


def deadlines_at_registration(
    policy: Policy, facts: CaseFacts, *, registered_at: datetime
) -> IntakeDecision:
    """The same answer as :func:`preview`, with clocks that count from registration (PN-5)
    counting from ``registered_at``. Call it when registering a case, and again when staff
    change what the deadlines depend on (complexity, category, fault location, event dates)."""
    return _decide(policy, facts, registered_at)


def fill_channels(policy: Policy, message: LocalizedText, kind: str) -> dict[str, str]:
    """The message in each language, ``{channels}`` replaced by the channels that take ``kind``
    (PC-2: the answer names the accepted channels). The API is the provider's own integration,
    not a way for a customer to file, so it is not named."""
    accepting = [c for c in policy.accepting_channels(kind) if c.kind != "api"]
    texts: dict[str, str] = {}
    for language, text in message.root.items():
        if CHANNELS_PLACEHOLDER in text:
            names = ", ".join(policy.text(c.name, language) for c in accepting)
            text = text.replace(CHANNELS_PLACEHOLDER, names)
        texts[language] = text
    return texts


def _decide(policy: Policy, facts: CaseFacts, registered_at: datetime | None) -> IntakeDecision:
    facts_validate(policy, facts, registered_at)
    rules: list[str] = []
    taken = _channel_treatment(policy, facts, rules)
    if isinstance(taken, Message):
        return _refused(policy, taken, rules)
    treated_as, notice = taken
    department = _department(policy, facts, treated_as, rules)
    choice = resolution_choice(policy, treated_as, facts.category, facts.complexity)
    case = Case(policy, facts, treated_as, registered_at, choice, rules)
    filing = filing_window(case)
    deadlines = [deadline for family in DEADLINE_FAMILIES for deadline in family(case)]
    # The contract's order (CLOCKS), whatever order the families run in.
    deadlines.sort(key=lambda deadline: _CLOCK_ORDER[deadline.clock])
    return IntakeDecision(
        provider=policy.slug,
        version=policy.version,
        accepted=True,
        refusal=None,
        treated_as=treated_as,
        notice=notice,
        department=department,
        filing=filing,
        deadlines=tuple(deadlines),
        rules=tuple(rules),
        complexity=choice.complexity if choice is not None else None,
    )


def _channel_treatment(
    policy: Policy, facts: CaseFacts, rules: list[str]
) -> tuple[str, Message | None] | Message:
    """Accepted as itself, taken as another kind with a notice saying why (UN-1), or refused
    (PC-2): the refusal's message."""
    kind = facts.kind
    channel = policy.channel(facts.channel)
    if channel is None or not channel.enabled:
        texts = fill_channels(policy, policy.channel_unavailable, kind)
        return Message("channel_not_accepted", texts)
    if kind in channel.accepts:
        return kind, None
    treatment = channel.treatment(kind, facts.category)
    if treatment is not None:
        cite(rules, treatment.rule)
        notice = fill_channels(policy, treatment.notice, kind)
        return treatment.becomes, Message("treated_as", notice, treatment.rule)
    refusal = channel.refusal_for(kind)
    message = refusal.message if refusal is not None else policy.channel_unavailable
    rule = refusal.rule if refusal is not None else None
    cite(rules, rule)
    return Message("channel_not_accepted", fill_channels(policy, message, kind), rule)


def _department(policy: Policy, facts: CaseFacts, treated_as: str, rules: list[str]) -> str:
    """PN-1: given explicitly, else the first matching route, else the default."""
    cite(rules, policy.routing.rule)
    if facts.department is not None:
        return facts.department
    for route in policy.routing.routes:
        if route.matches(treated_as, facts.category):
            cite(rules, route.rule)
            return route.department
    return policy.routing.default


def _refused(policy: Policy, refusal: Message, rules: list[str]) -> IntakeDecision:
    return IntakeDecision(
        provider=policy.slug,
        version=policy.version,
        accepted=False,
        refusal=refusal,
        treated_as=None,
        notice=None,
        department=None,
        filing=None,
        deadlines=(),
        rules=tuple(rules),
    )
