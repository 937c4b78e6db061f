"""What the deadline engine answers: the intake decision and its deadlines, one record each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from reclamo.domain.vocabulary import Clock, ClockEvent, Milestone

__all__ = ["Basis", "Deadline", "ExtensionDecision", "Filing", "IntakeDecision", "Message"]


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
    counted_from: ClockEvent


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline a case carries, complete on its own: which clock, when it falls due (aware,
    in the policy's zone), the rule that set it, how it was counted, and for a repair what must
    be done by then (``repair_started``, PC-4, or ``repair_done``). The register stores one row
    per record."""

    clock: Clock
    due_at: datetime
    rule: str
    basis: Basis
    milestone: Milestone | None = None


@dataclass(frozen=True, slots=True)
class IntakeDecision:
    """What registering the case decides (api.md, deadline preview): accepted on this channel or
    refused, treated as what, which department, the filing window, and the deadlines it starts
    — in ``CLOCKS`` order, only those that apply."""

    provider: str
    version: str
    accepted: bool
    refusal: Message | None
    treated_as: str | None
    notice: Message | None  # UN-1: why a phone complaint became a fault report, and what to do
    department: str | None
    filing: Filing | None
    deadlines: tuple[Deadline, ...]
    rules: tuple[str, ...]
    complexity: str | None = None  # the complexity the resolution period was chosen for (PC-12)

    def deadline(self, clock: Clock) -> Deadline | None:
        """The deadline of ``clock``, or None where the case has none."""
        for deadline in self.deadlines:
            if deadline.clock == clock:
                return deadline
        return None

    def due_at(self, clock: Clock) -> datetime | None:
        """When the deadline of ``clock`` falls due, or None where the case has none."""
        deadline = self.deadline(clock)
        return deadline.due_at if deadline is not None else None


@dataclass(frozen=True, slots=True)
class ExtensionDecision:
    """An accepted UN-9 extension: the new resolution deadline and why it is allowed."""

    resolution: datetime
    extended_by_days: int
    previous_resolution: datetime
    longest: datetime
    rule: str
