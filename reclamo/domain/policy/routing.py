"""Where a case goes when nothing else names a department (PN-1), and when intake is open."""

from __future__ import annotations

from reclamo.domain.policy.fields import PolicyModel, RuleId, Slug
from reclamo.domain.policy.opening_hours import WeeklyHours
from reclamo.domain.vocabulary import Category, Kind


class Route(PolicyModel):
    """Where a case goes when no department was given and the channel names none (PN-1).

    Empty ``kinds`` / ``categories`` match any; the first matching route wins.
    """

    kinds: list[Kind] = []
    categories: list[Category] = []
    department: Slug
    rule: RuleId | None = None

    def matches(self, kind: str, category: str | None) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.categories or category in self.categories
        )


class Routing(PolicyModel):
    rule: RuleId | None = None
    routes: list[Route] = []
    default: Slug


class Intake(PolicyModel):
    rule: RuleId | None = None
    # When electronic channels register on their own (PN-2: non-stop).
    automatic: WeeklyHours
