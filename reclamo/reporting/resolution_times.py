"""The resolution and repair times of a manager's dashboard: complaints resolved in a period,
those within term, and the period's percentiles, ranked as the quality report ranks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from reclamo.complaints.models import Complaint
from reclamo.domain.quality import Period, share
from reclamo.providers.models import Provider
from reclamo.reporting.selectors import Indicators, period_bounds, time_percentiles_assign

# The median and 80 % resolution times and the 80 % repair time, in that order.
Percentiles = tuple[timedelta | None, timedelta | None, timedelta | None]
NO_PERCENTILES: Percentiles = (None, None, None)


@dataclass(frozen=True, slots=True)
class Times:
    """Complaints resolved in the period, those within term, and the period's percentiles."""

    resolved: int
    within: int
    resolution_p50: timedelta | None
    resolution_p80: timedelta | None
    repair_p80: timedelta | None
    # When the percentiles were computed; None: just now, for this page.
    as_of: datetime | None = None

    @property
    def within_term_share(self) -> str | None:
        return share(self.within, self.resolved)


def times_of(total: Indicators, as_of: datetime | None = None) -> Times:
    return Times(
        resolved=total.complaints_resolved,
        within=total.within_term,
        resolution_p50=total.resolution[50],
        resolution_p80=total.resolution[80],
        repair_p80=total.repair[80],
        as_of=as_of,
    )


def period_times(
    *, provider: Provider, period: Period, time_zone: str, department: str | None = None
) -> tuple[Percentiles, dict[str, Percentiles]]:
    """The median and 80 % resolution times and the 80 % repair time of the period, over all
    the cases (or ``department``'s) and per department, ranked as ``quality_report`` ranks them
    (two queries). A department without a resolved or repaired case is left out."""
    start, end = period_bounds(period, time_zone)
    cases = Complaint.objects.filter(provider=provider)
    if department:
        cases = cases.filter(department=department)
    total = Indicators()
    departments: dict[str, Indicators] = {}
    time_percentiles_assign(
        cases,
        start,
        end,
        resolution=(50, 80),
        repair=(80,),
        total=total,
        departments=departments,
    )
    return _percentiles(total), {slug: _percentiles(each) for slug, each in departments.items()}


def _percentiles(indicators: Indicators) -> Percentiles:
    return indicators.resolution[50], indicators.resolution[80], indicators.repair[80]
