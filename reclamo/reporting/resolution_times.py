"""The resolution and repair times of a manager's dashboard: complaints resolved in a period,
those within term, and the period's percentiles, ranked as the quality report ranks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F

from reclamo.complaints.models import Complaint
from reclamo.domain.quality import Period, share
from reclamo.providers.models import Provider
from reclamo.reporting.selectors import (
    Indicators,
    nearest_ranks,
    percentiles_assign,
    period_bounds,
    valid_fault,
    within,
)


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
) -> tuple[timedelta | None, timedelta | None, timedelta | None]:
    """The median and 80 % resolution times and the 80 % repair time of the period, ranked as
    ``quality_report`` ranks them (two queries)."""
    start, end = period_bounds(period, time_zone)
    cases = Complaint.objects.filter(provider=provider)
    if department:
        cases = cases.filter(department=department)
    total, departments = Indicators(), {}  # type: ignore[var-annotated]
    resolved = cases.filter(within("statement_sent_at", start, end), treated_as="complaint")
    rows = nearest_ranks(resolved, F("statement_sent_at") - F("received_at"), (50, 80))
    percentiles_assign(rows, (50, 80), total, departments, "resolution")
    repaired = cases.filter(
        valid_fault(),
        within("service_restored_at", start, end),
        service_restored_at__gte=F("received_at"),
    )
    rows = nearest_ranks(repaired, F("service_restored_at") - F("received_at"), (80,))
    percentiles_assign(rows, (80,), total, departments, "repair")
    return total.resolution[50], total.resolution[80], total.repair[80]
