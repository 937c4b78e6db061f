"""Every clock of the complaint procedures, computed from a policy (T-1 … T-6, PN-5, PN-6, UN-1,
UN-3, UN-4, UN-8 … UN-10, PC-2, PC-4, PC-5, PC-9, PC-11 … PC-13).

:func:`preview` answers the public deadline preview (``shared/spec/api.md``): would this case be
accepted on this channel, as what, by which department, how long the customer had to file, and
every deadline it starts. :func:`deadlines_at_registration` is the same computation with the real
registration time, for the service that registers a case; :func:`extension_decide` checks and
applies a UN-9 extension.

Nothing here reads the clock or does calendar arithmetic of its own: instants come in as
arguments, the numbers come from the policy, and the arithmetic from ``calendar.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from reclamo.domain.calendar import days_after, get_zone, hours_after, months_after, require_aware
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import (
    CATEGORIES,
    CHANNEL_KINDS,
    CHANNELS_PLACEHOLDER,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    KINDS,
    Channel,
    LocalizedText,
    Period,
    Policy,
    ResolutionClock,
)

__all__ = [
    "Basis",
    "Deadlines",
    "ExtensionDecision",
    "Filing",
    "Message",
    "Preview",
    "PreviewRequest",
    "deadlines_at_registration",
    "extension_decide",
    "fill_channels",
    "preview",
]


# --- input ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreviewRequest:
    """The fields of a deadline preview (api.md); values are the API's strings."""

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


# --- output --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    """A text for the customer in each of the policy's languages, with the rule behind it."""

    code: str
    texts: Mapping[str, str]
    rule: str | None = None

    def text(self, language: str, fallback: str) -> str:
        return (
            self.texts.get(language) or self.texts.get(fallback) or next(iter(self.texts.values()))
        )


@dataclass(frozen=True, slots=True)
class Filing:
    """The customer's filing window (UN-8, UN-10, PC-9, PC-11). ``in_time: False`` still
    registers; staff decide.

    ``last_day`` is the window's last day as the procedure counts it (T-1), as api.md's example
    answers it (2026-12-20, a Sunday). Where the policy rolls periods forward (T-2), a filing on
    the next working day is still in time: ``ends_at`` is that rolled end, ``in_time`` is judged
    against it, and ``rolled_to`` names the day when it differs from ``last_day``. So the
    customer never loses a day the law gives them, and the contract's field keeps its meaning.
    """

    last_day: date
    in_time: bool
    rule: str
    ends_at: datetime
    rolled_to: date | None = None


@dataclass(frozen=True, slots=True)
class Basis:
    """How a deadline was counted, so it can be explained in plain words: ``amount`` ``unit``
    (days, months, hours, working hours) from ``counted_from`` (received, fault_started, …)."""

    amount: int
    unit: str
    counted_from: str


@dataclass(frozen=True, slots=True)
class Deadlines:
    """Every deadline the case starts, aware in the policy's zone; None where none applies."""

    internal_target: datetime | None = None  # PN-6
    resolution: datetime | None = None  # PN-5, UN-9, PC-12
    resolution_extended_max: datetime | None = None  # UN-9
    deemed_upheld: datetime | None = None  # PC-13
    repair: datetime | None = None  # UN-3, UN-4, PC-4, PC-5
    repair_milestone: str | None = None  # repair_started (PC-4) or repair_done
    # The rule that set each deadline, e.g. {"resolution": "PC-12"}.
    rules: Mapping[str, str] = field(default_factory=dict)
    # How each deadline was counted, e.g. {"resolution": Basis(30, "days", "received")}.
    bases: Mapping[str, Basis] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Preview:
    """What registering the case would decide (api.md, deadline preview)."""

    provider: str
    version: str
    accepted: bool
    refusal: Message | None
    treated_as: str | None
    notice: Message | None  # UN-1: why a phone complaint became a fault report, and what to do
    department: str | None
    filing: Filing | None
    deadlines: Deadlines
    rules: tuple[str, ...]
    complexity: str | None = None  # the complexity the resolution period was chosen for (PC-12)


@dataclass(frozen=True, slots=True)
class ExtensionDecision:
    """An accepted UN-9 extension: the new resolution deadline and why it is allowed."""

    resolution: datetime
    extended_by_days: int
    previous_resolution: datetime
    longest: datetime
    rule: str


# --- validation ----------------------------------------------------------------------------------


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


def _validate(policy: Policy, request: PreviewRequest, registered_at: datetime | None) -> None:
    for name in ("kind", "channel"):
        if not isinstance(getattr(request, name), str):
            raise DomainError(f"{name} is required.", field=name, code="required")
    _choice(request.kind, KINDS, "kind")
    _choice(request.channel, CHANNEL_KINDS, "channel")
    _choice(request.category, CATEGORIES, "category")
    _choice(request.complexity, COMPLEXITIES, "complexity")
    _choice(request.fault_location, FAULT_LOCATIONS, "fault_location")
    if request.kind not in policy.kinds:
        raise DomainError(
            f"{policy.provider.brand}'s procedure has no {request.kind.replace('_', ' ')}; "
            f"it takes: {', '.join(policy.kinds)}.",
            field="kind",
            code="kind_not_offered",
        )
    if request.department is not None and policy.department(request.department) is None:
        raise DomainError(
            f"Unknown department {request.department!r}; departments: "
            f"{', '.join(policy.department_slugs)}.",
            field="department",
            code="unknown_department",
        )
    received_at = require_aware(request.received_at, field="received_at")  # T-6
    for name in ("fault_started_at", "service_restored_at"):
        value = getattr(request, name)
        if value is not None:
            require_aware(value, field=name)
    if registered_at is not None:
        require_aware(registered_at, field="registered_at")
        if registered_at < received_at:
            raise DomainError(
                "registered_at is before received_at; a case is registered after it arrives.",
                field="registered_at",
                code="before_received",
            )
    discovered = request.defect_discovered_at
    if isinstance(discovered, datetime):
        require_aware(discovered, field="defect_discovered_at")
        _not_after_receipt(discovered, received_at, "defect_discovered_at")
    elif discovered is not None and not isinstance(discovered, date):
        raise DomainError(
            "defect_discovered_at must be a date or an instant.",
            field="defect_discovered_at",
            code="invalid",
        )
    _not_after_receipt(request.fault_started_at, received_at, "fault_started_at")
    delivered = request.invoice_delivered_at
    if delivered is not None and (
        not isinstance(delivered, date) or isinstance(delivered, datetime)
    ):
        raise DomainError(
            "invoice_delivered_at must be a date (YYYY-MM-DD).",
            field="invoice_delivered_at",
            code="invalid",
        )
    zone = get_zone(policy.time_zone)
    local_day = received_at.astimezone(zone).date()
    for name, day in (
        ("defect_discovered_at", discovered if not isinstance(discovered, datetime) else None),
        ("invoice_delivered_at", delivered),
    ):
        if day is not None and day > local_day:
            raise DomainError(
                f"{name} is after the day the case was received.", field=name, code="after_received"
            )


# --- arithmetic ----------------------------------------------------------------------------------


def _period_end(policy: Policy, period: Period, start: datetime, roll: bool | None) -> datetime:
    """End of ``period`` after ``start`` in the policy's zone (T-1 … T-4 via calendar.py)."""
    roll_to_working_day = policy.roll_to_working_day if roll is None else roll
    if period.unit == "days":
        return days_after(
            start,
            period.amount,
            time_zone=policy.time_zone,
            roll_to_working_day=roll_to_working_day,
            holidays=policy.holidays,
        )
    if period.unit == "months":
        return months_after(
            start,
            period.amount,
            time_zone=policy.time_zone,
            roll_to_working_day=roll_to_working_day,
            holidays=policy.holidays,
        )
    if period.unit == "hours":
        return hours_after(start, period.amount).astimezone(get_zone(policy.time_zone))
    # Working hours are only valid on internal targets, which carry their own schedule.
    raise DomainError(f"Cannot count {period} without a schedule.", code="invalid_period")


def _day_start(policy: Policy, day: date) -> datetime:
    # Day periods count from the event's local day (T-1), so the time of day does not matter;
    # noon is never in a DST gap or fold.
    return datetime.combine(day, time(12), tzinfo=get_zone(policy.time_zone))


def _event_at(
    policy: Policy, event: str, request: PreviewRequest, registered_at: datetime | None
) -> datetime | None:
    if event == "received":
        return request.received_at
    if event == "registered":
        # Automatic intake registers on arrival (PN-2, PN-4); staff may register later.
        return registered_at or request.received_at
    if event == "fault_started":
        return request.fault_started_at
    if event == "defect_discovered":
        discovered = request.defect_discovered_at
        if discovered is None or isinstance(discovered, datetime):
            return discovered
        return _day_start(policy, discovered)
    if event == "invoice_delivered":
        delivered = request.invoice_delivered_at
        return None if delivered is None else _day_start(policy, delivered)
    if event == "service_restored":
        return request.service_restored_at
    raise DomainError(f"Unknown clock event {event!r}.", code="unknown_value")  # pragma: no cover


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


def _add_rule(rules: list[str], rule: str | None) -> None:
    if rule is not None and rule not in rules:
        rules.append(rule)


# --- the preview ---------------------------------------------------------------------------------


def preview(policy: Policy, request: PreviewRequest) -> Preview:
    """What registering ``request`` under ``policy`` would decide, without saving anything.

    Raises :class:`DomainError` (with ``field`` and ``code``) for input that cannot be read:
    an unknown value, a naive instant (T-6), an unknown department.
    """
    return _evaluate(policy, request, None)


def deadlines_at_registration(
    policy: Policy, request: PreviewRequest, *, registered_at: datetime
) -> Preview:
    """The same answer as :func:`preview`, with clocks that count from registration (PN-5)
    counting from ``registered_at``. Call it when registering a case, and again when staff
    change what the deadlines depend on (complexity, category, fault location, event dates)."""
    return _evaluate(policy, request, registered_at)


def _refused(policy: Policy, refusal: Message, rules: list[str]) -> Preview:
    return Preview(
        provider=policy.slug,
        version=policy.version,
        accepted=False,
        refusal=refusal,
        treated_as=None,
        notice=None,
        department=None,
        filing=None,
        deadlines=Deadlines(),
        rules=tuple(rules),
    )


def _evaluate(policy: Policy, request: PreviewRequest, registered_at: datetime | None) -> Preview:
    _validate(policy, request, registered_at)
    rules: list[str] = []
    kind = request.kind
    category = request.category

    # Channel: accepted as itself, taken as another kind (UN-1), or refused (PC-2).
    channel: Channel | None = policy.channel(request.channel)
    notice: Message | None = None
    if channel is None or not channel.enabled:
        return _refused(
            policy,
            Message(
                "channel_not_accepted", fill_channels(policy, policy.channel_unavailable, kind)
            ),
            rules,
        )
    treated_as = kind
    if kind not in channel.accepts:
        treatment = channel.treatment(kind, category)
        if treatment is not None:
            treated_as = treatment.becomes
            _add_rule(rules, treatment.rule)
            notice = Message(
                "treated_as", fill_channels(policy, treatment.notice, kind), treatment.rule
            )
        else:
            refusal = channel.refusal_for(kind)
            message = refusal.message if refusal is not None else policy.channel_unavailable
            rule = refusal.rule if refusal is not None else None
            _add_rule(rules, rule)
            return _refused(
                policy,
                Message("channel_not_accepted", fill_channels(policy, message, kind), rule),
                rules,
            )

    # Department (PN-1): given explicitly, else the first matching route, else the default.
    department = request.department
    _add_rule(rules, policy.routing.rule)
    if department is None:
        for route in policy.routing.routes:
            if route.matches(treated_as, category):
                department = route.department
                _add_rule(rules, route.rule)
                break
        else:
            department = policy.routing.default

    # Filing window: the first that applies and whose start event is known.
    filing: Filing | None = None
    for window in policy.clocks.filing:
        if not window.applies(treated_as, category):
            continue
        start = _event_at(policy, window.from_, request, registered_at)
        if start is None:
            continue
        ends_at = _period_end(policy, window.within, start, window.roll_to_working_day)
        last_day = _period_end(policy, window.within, start, False).date()  # T-1 only
        filing = Filing(
            last_day=last_day,
            in_time=request.received_at <= ends_at,
            rule=window.rule,
            ends_at=ends_at,
            rolled_to=ends_at.date() if ends_at.date() != last_day else None,
        )
        _add_rule(rules, window.rule)
        break

    deadline_rules: dict[str, str] = {}
    bases: dict[str, Basis] = {}

    # Internal target in working hours (PN-6, T-5).
    internal_target: datetime | None = None
    for target in policy.clocks.internal_target:
        if treated_as not in target.kinds:
            continue
        start = _event_at(policy, target.from_, request, registered_at)
        if start is None:
            continue
        schedule = policy.schedule(target.schedule, target.public_holidays, target.closed_dates)
        internal_target = schedule.add(start, timedelta(hours=target.within.amount))
        deadline_rules["internal_target"] = target.rule
        bases["internal_target"] = Basis(target.within.amount, target.within.unit, target.from_)
        _add_rule(rules, target.rule)
        break

    # Resolution period (PN-5, UN-9, PC-12) and its longest extension (UN-9).
    complexity = request.complexity
    resolution: datetime | None = None
    extended_max: datetime | None = None
    clock = _resolution_clock(policy, treated_as, category, complexity)
    if clock is None and complexity is None and policy.clocks.default_complexity is not None:
        # PC-12: until staff classify it, the complaint is held to the default complexity.
        clock = _resolution_clock(policy, treated_as, category, policy.clocks.default_complexity)
        if clock is not None:
            complexity = policy.clocks.default_complexity
            _add_rule(rules, policy.clocks.default_complexity_rule)
    if clock is not None:
        start = _event_at(policy, clock.from_, request, registered_at)
        if start is not None:
            resolution = _period_end(policy, clock.within, start, clock.roll_to_working_day)
            deadline_rules["resolution"] = clock.rule
            bases["resolution"] = Basis(clock.within.amount, clock.within.unit, clock.from_)
            _add_rule(rules, clock.rule)
            if clock.extension is not None:
                # UN-9: the longest period is one period from the same start, T-1/T-2 applied
                # to it — not 30 days added to the rolled end of the first.
                extended_max = _period_end(
                    policy, clock.extension.longest, start, clock.roll_to_working_day
                )
                deadline_rules["resolution_extended_max"] = clock.extension.rule
                longest = clock.extension.longest
                bases["resolution_extended_max"] = Basis(longest.amount, longest.unit, clock.from_)
                _add_rule(rules, clock.extension.rule)

    # Deemed upheld (PC-13).
    deemed_upheld: datetime | None = None
    for deemed in policy.clocks.deemed_upheld:
        if not deemed.applies(treated_as, category):
            continue
        start = _event_at(policy, deemed.from_, request, registered_at)
        if start is None:
            continue
        deemed_upheld = _period_end(policy, deemed.within, start, deemed.roll_to_working_day)
        deadline_rules["deemed_upheld"] = deemed.rule
        bases["deemed_upheld"] = Basis(deemed.within.amount, deemed.within.unit, deemed.from_)
        _add_rule(rules, deemed.rule)
        break

    # Repair by fault location (UN-3, UN-4, PC-4, PC-5).
    repair: datetime | None = None
    milestone: str | None = None
    if request.fault_location is not None:
        for repair_clock in policy.clocks.repair:
            if repair_clock.fault_location != request.fault_location or not repair_clock.applies(
                treated_as, category
            ):
                continue
            counted_from: str = repair_clock.from_
            start = _event_at(policy, repair_clock.from_, request, registered_at)
            if start is None and repair_clock.else_from is not None:
                counted_from = repair_clock.else_from
                start = _event_at(policy, repair_clock.else_from, request, registered_at)
            if start is None:
                continue
            report_window = repair_clock.report_window
            if report_window is not None:
                # PC-4: a report outside the window counts from the window's next opening.
                schedule = policy.schedule(
                    report_window.hours, report_window.public_holidays, report_window.closed_dates
                )
                start = schedule.next_opening(start)
            repair = _period_end(
                policy, repair_clock.within, start, repair_clock.roll_to_working_day
            )
            milestone = repair_clock.milestone
            deadline_rules["repair"] = repair_clock.rule
            within = repair_clock.within
            bases["repair"] = Basis(within.amount, within.unit, counted_from)
            _add_rule(rules, repair_clock.rule)
            break

    return Preview(
        provider=policy.slug,
        version=policy.version,
        accepted=True,
        refusal=None,
        treated_as=treated_as,
        notice=notice,
        department=department,
        filing=filing,
        deadlines=Deadlines(
            internal_target=internal_target,
            resolution=resolution,
            resolution_extended_max=extended_max,
            deemed_upheld=deemed_upheld,
            repair=repair,
            repair_milestone=milestone,
            rules=deadline_rules,
            bases=bases,
        ),
        rules=tuple(rules),
        complexity=complexity if clock is not None and clock.complexity is not None else None,
    )


def _resolution_clock(
    policy: Policy, kind: str, category: str | None, complexity: str | None
) -> ResolutionClock | None:
    for clock in policy.clocks.resolution:
        if clock.applies_to(kind, category, complexity):
            return clock
    return None


# --- extension (UN-9) ----------------------------------------------------------------------------


def extension_decide(
    policy: Policy,
    request: PreviewRequest,
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
    registration = _evaluate(policy, request, registered_at)
    clock = _resolution_clock(
        policy, registration.treated_as or "", request.category, registration.complexity
    )
    extension = clock.extension if clock is not None else None
    current = registration.deadlines.resolution
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
    start = _event_at(policy, clock.from_, request, registered_at)
    if start is None:  # pragma: no cover - the resolution deadline was computed from it
        raise DomainError("The resolution period has no start.", code="extension_not_allowed")
    extended = Period(amount=clock.within.amount + extend_by_days, unit="days")
    new_deadline = _period_end(policy, extended, start, clock.roll_to_working_day)
    longest = _period_end(policy, extension.longest, start, clock.roll_to_working_day)
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
