"""The clocks a procedure sets: internal targets (PN-6), resolution periods and their extension
(PN-5, UN-9, PC-12), deemed upheld (PC-13), repair duties (UN-3, UN-4, PC-4, PC-5) and filing
windows (UN-8, UN-10, PC-9, PC-11). How each is counted lives in ``deadlines``."""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import Field, model_validator

from reclamo.domain.policy.fields import (
    HolidayRule,
    Loc,
    PolicyModel,
    PositiveInt,
    RuleId,
    raise_problems,
)
from reclamo.domain.policy.opening_hours import WeeklyHours
from reclamo.domain.policy.periods import Period
from reclamo.domain.vocabulary import (
    Category,
    ClockEvent,
    Complexity,
    FaultLocation,
    Kind,
    Milestone,
)


class BaseClock(PolicyModel):
    rule: RuleId
    kinds: list[Kind]
    categories: list[Category] = []
    within: Period
    from_: ClockEvent = Field(alias="from")
    # None: the policy's roll_to_working_day decides (T-2).
    roll_to_working_day: bool | None = None

    @model_validator(mode="after")
    def _period_unit(self) -> Self:
        if not self.kinds:
            raise_problems(type(self).__name__, [(("kinds",), "name at least one kind")])
        if self.within.unit == "working_hours":
            raise_problems(
                type(self).__name__,
                [
                    (
                        ("within",),
                        "working hours need a schedule; only internal_target counts working hours",
                    )
                ],
            )
        return self

    def applies(self, kind: str, category: str | None) -> bool:
        # A request without a category matches clocks of any category: the clock is shown and
        # staff correct the category later.
        return kind in self.kinds and (
            category is None or not self.categories or category in self.categories
        )


class ResolutionExtension(PolicyModel):
    """UN-9: the provider may extend the resolution period, within limits."""

    rule: RuleId
    times: PositiveInt = 1
    max_extension: Period
    # The longest period overall, counted from the clock's start as one period (UN-9: 60 days,
    # T-1/T-2 applied to it, not added to the rolled end of the first period).
    longest: Period
    decide_before_deadline: bool = True
    reason_required: bool = True
    customer_told: bool = True

    @model_validator(mode="after")
    def _units(self) -> Self:
        problems: list[tuple[Loc, str]] = [
            ((name,), "an extension is counted in days or months")
            for name, period in (("max_extension", self.max_extension), ("longest", self.longest))
            if period.unit not in ("days", "months")
        ]
        if problems:
            raise_problems("ResolutionExtension", problems)
        return self


class ResolutionClock(BaseClock):
    """The legal resolution period (PN-5, UN-9, PC-12). ``complexity`` None matches any."""

    complexity: Complexity | None = None
    extension: ResolutionExtension | None = None

    def applies_to(self, kind: str, category: str | None, complexity: str | None) -> bool:
        return self.applies(kind, category) and (
            self.complexity is None or self.complexity == complexity
        )


class DeemedUpheld(BaseClock):
    """PC-13: a complaint not resolved within this period is deemed upheld."""


class FilingWindow(BaseClock):
    """How long the customer has to file (UN-8, UN-10, PC-9, PC-11)."""

    # PC-9: in writing only; every channel taking these kinds must then be written.
    written_only: bool = False


class ReportWindow(PolicyModel):
    """PC-4: the repair clock counts from the report only inside these hours; a report outside
    them counts from the next opening."""

    hours: WeeklyHours
    public_holidays: HolidayRule
    closed_dates: list[date] = []  # T-5: the provider's own closed days, if it publishes any


class RepairClock(BaseClock):
    """A repair duty by fault location (UN-3, UN-4, PC-4, PC-5)."""

    fault_location: FaultLocation
    milestone: Milestone
    # Where the start event may be unknown (UN-4: the customer may not know when the fault
    # began), the event counted from instead.
    else_from: ClockEvent | None = None
    report_window: ReportWindow | None = None


class InternalTarget(PolicyModel):
    """The provider's own target in working hours (PN-6), counted inside ``schedule`` (T-5)."""

    rule: RuleId
    kinds: list[Kind]
    within: Period
    from_: ClockEvent = Field(alias="from")
    schedule: WeeklyHours
    public_holidays: HolidayRule
    closed_dates: list[date] = []  # T-5: the provider's own closed days, if it publishes any

    @model_validator(mode="after")
    def _working_hours(self) -> Self:
        if self.within.unit != "working_hours":
            raise_problems(
                "InternalTarget", [(("within",), "an internal target is counted in working hours")]
            )
        return self


class Clocks(PolicyModel):
    internal_target: list[InternalTarget] = []
    resolution: list[ResolutionClock] = []
    deemed_upheld: list[DeemedUpheld] = []
    repair: list[RepairClock] = []
    filing: list[FilingWindow] = []
    # The complexity a complaint is held to until staff classify it (PC-12).
    default_complexity: Complexity | None = None
    default_complexity_rule: RuleId | None = None
