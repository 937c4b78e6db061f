"""The clocks a case starts, one function per family (T-1 … T-5 via ``calendar.py``).

Each family reads the policy's clocks of its kind, takes the first that applies to the case and
whose start event is known (:func:`first_started`), and answers :class:`Deadline` records. The
decision runs every family of :data:`DEADLINE_FAMILIES`, so a new clock is its vocabulary entry,
its labels and the family function that counts it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from reclamo.domain.calendar import days_after, get_zone, hours_after, months_after
from reclamo.domain.deadlines.facts import CaseFacts, event_at
from reclamo.domain.deadlines.records import Basis, Deadline, Filing
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import (
    DeemedUpheld,
    FilingWindow,
    Period,
    Policy,
    RepairClock,
    ResolutionClock,
)
from reclamo.domain.vocabulary import ClockEvent

__all__ = [
    "DEADLINE_FAMILIES",
    "Case",
    "ResolutionChoice",
    "cite",
    "filing_window",
    "first_started",
    "period_ends_at",
    "resolution_choice",
]


def cite(rules: list[str], rule: str | None) -> None:
    """Add ``rule`` to the rules a decision cites, once, in the order they were applied."""
    if rule is not None and rule not in rules:
        rules.append(rule)


@dataclass(slots=True)
class Case:
    """What every clock family reads: the facts, what the case is treated as (UN-1), when it
    was registered (PN-5), the resolution clock chosen for it (the decision reports the
    complexity it was chosen for, PC-12); and the rules the decision cites, which the families
    add to."""

    policy: Policy
    facts: CaseFacts
    treated_as: str
    registered_at: datetime | None
    resolution: ResolutionChoice | None
    rules: list[str]

    def start(self, event: ClockEvent) -> datetime | None:
        return event_at(self.policy, event, self.facts, self.registered_at)

    def covers(self, clock: FilingWindow | DeemedUpheld | RepairClock | ResolutionClock) -> bool:
        return clock.applies(self.treated_as, self.facts.category)

    def cite(self, rule: str | None) -> None:
        if rule is not None and rule not in self.rules:
            self.rules.append(rule)


def period_ends_at(
    policy: Policy, period: Period, start: datetime, *, roll: bool | None
) -> datetime:
    """When ``period`` counted from ``start`` ends, in the policy's zone (T-1 … T-4); ``roll``
    None lets the policy decide whether a day period ending on a closed day rolls on (T-2)."""
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


class _Counted(Protocol):
    @property
    def from_(self) -> ClockEvent: ...


_C = TypeVar("_C", bound=_Counted)


def first_started(
    case: Case,
    clocks: Iterable[_C],
    applies: Callable[[_C], bool],
    *,
    or_from: Callable[[_C], ClockEvent | None] | None = None,
) -> tuple[_C, datetime, ClockEvent] | None:
    """The first of ``clocks`` that applies to the case and whose start is known — counted from
    its ``from_`` event, else from the event ``or_from`` names — with its start and that event."""
    for clock in clocks:
        if not applies(clock):
            continue
        event: ClockEvent | None = clock.from_
        start = event_at(case.policy, clock.from_, case.facts, case.registered_at)
        if start is None and or_from is not None:
            event = or_from(clock)
            if event is not None:
                start = event_at(case.policy, event, case.facts, case.registered_at)
        if start is None or event is None:
            continue
        return clock, start, event
    return None


def _basis(period: Period, counted_from: ClockEvent) -> Basis:
    return Basis(period.amount, period.unit, counted_from)


# --- the filing window (not a deadline of the case: how long the customer had to file) ---------


def filing_window(case: Case) -> Filing | None:
    """UN-8, UN-10, PC-9, PC-11: the first window that applies and whose start is known."""
    found = first_started(case, case.policy.clocks.filing, case.covers)
    if found is None:
        return None
    window, start, _event = found
    ends_at = period_ends_at(case.policy, window.within, start, roll=window.roll_to_working_day)
    last_day = period_ends_at(case.policy, window.within, start, roll=False).date()  # T-1 only
    case.cite(window.rule)
    return Filing(
        last_day=last_day,
        in_time=case.facts.received_at <= ends_at,
        rule=window.rule,
        ends_at=ends_at,
        rolled_to=ends_at.date() if ends_at.date() != last_day else None,
    )


# --- the deadlines -------------------------------------------------------------------------------


def internal_target_deadlines(case: Case) -> tuple[Deadline, ...]:
    """PN-6: the provider's own target, counted in working hours inside its schedule (T-5)."""
    policy = case.policy
    found = first_started(
        case, policy.clocks.internal_target, lambda target: case.treated_as in target.kinds
    )
    if found is None:
        return ()
    target, start, event = found
    schedule = policy.schedule(target.schedule, target.public_holidays, target.closed_dates)
    due_at = schedule.add(start, timedelta(hours=target.within.amount))
    case.cite(target.rule)
    return (Deadline("internal_target", due_at, target.rule, _basis(target.within, event)),)


@dataclass(frozen=True, slots=True)
class ResolutionChoice:
    """The resolution clock that governs a case, the complexity it was chosen for (None where
    the clock does not depend on one), and the rule that held an unclassified case to the
    default complexity (PC-12), if it did."""

    clock: ResolutionClock
    complexity: str | None
    default_rule: str | None


def resolution_choice(
    policy: Policy, kind: str, category: str | None, complexity: str | None
) -> ResolutionChoice | None:
    """The resolution clock of a ``kind`` case (PN-5, UN-9, PC-12), or None where none applies."""
    clock = _resolution_clock(policy, kind, category, complexity)
    default_rule: str | None = None
    default = policy.clocks.default_complexity
    if clock is None and complexity is None and default is not None:
        # PC-12: until staff classify it, the complaint is held to the default complexity.
        clock = _resolution_clock(policy, kind, category, default)
        complexity = default
        default_rule = policy.clocks.default_complexity_rule
    if clock is None:
        return None
    return ResolutionChoice(
        clock, complexity if clock.complexity is not None else None, default_rule
    )


def _resolution_clock(
    policy: Policy, kind: str, category: str | None, complexity: str | None
) -> ResolutionClock | None:
    for clock in policy.clocks.resolution:
        if clock.applies_to(kind, category, complexity):
            return clock
    return None


def resolution_deadlines(case: Case) -> tuple[Deadline, ...]:
    """The resolution period (PN-5, UN-9, PC-12) and the longest extension it allows (UN-9)."""
    policy = case.policy
    choice = case.resolution
    if choice is None:
        return ()
    case.cite(choice.default_rule)
    clock = choice.clock
    start = case.start(clock.from_)
    if start is None:
        return ()
    due_at = period_ends_at(policy, clock.within, start, roll=clock.roll_to_working_day)
    case.cite(clock.rule)
    found = [Deadline("resolution", due_at, clock.rule, _basis(clock.within, clock.from_))]
    extension = clock.extension
    if extension is not None:
        # UN-9: the longest period is one period from the same start, T-1/T-2 applied to it —
        # not 30 days added to the rolled end of the first.
        longest = period_ends_at(policy, extension.longest, start, roll=clock.roll_to_working_day)
        basis = _basis(extension.longest, clock.from_)
        found.append(Deadline("resolution_extended_max", longest, extension.rule, basis))
        case.cite(extension.rule)
    return tuple(found)


def deemed_upheld_deadlines(case: Case) -> tuple[Deadline, ...]:
    """PC-13: a complaint not resolved by then counts as upheld."""
    found = first_started(case, case.policy.clocks.deemed_upheld, case.covers)
    if found is None:
        return ()
    deemed, start, event = found
    due_at = period_ends_at(case.policy, deemed.within, start, roll=deemed.roll_to_working_day)
    case.cite(deemed.rule)
    return (Deadline("deemed_upheld", due_at, deemed.rule, _basis(deemed.within, event)),)


def repair_deadlines(case: Case) -> tuple[Deadline, ...]:
    """The repair duty by fault location (UN-3, UN-4, PC-4, PC-5)."""
    location = case.facts.fault_location
    if location is None:
        return ()
    policy = case.policy
    found = first_started(
        case,
        policy.clocks.repair,
        lambda clock: clock.fault_location == location and case.covers(clock),
        or_from=lambda clock: clock.else_from,
    )
    if found is None:
        return ()
    clock, start, event = found
    window = clock.report_window
    if window is not None:
        # PC-4: a report outside the window counts from the window's next opening.
        schedule = policy.schedule(window.hours, window.public_holidays, window.closed_dates)
        start = schedule.next_opening(start)
    due_at = period_ends_at(policy, clock.within, start, roll=clock.roll_to_working_day)
    case.cite(clock.rule)
    basis = _basis(clock.within, event)
    return (Deadline("repair", due_at, clock.rule, basis, milestone=clock.milestone),)


# Every family the decision counts, in the order their rules are cited.
DEADLINE_FAMILIES: tuple[Callable[[Case], tuple[Deadline, ...]], ...] = (
    internal_target_deadlines,
    resolution_deadlines,
    deemed_upheld_deadlines,
    repair_deadlines,
)
