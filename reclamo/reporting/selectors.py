"""The quality indicators of a provider for a period (api.md "Quality reports"), read only.

Every figure is computed in the database: counts are grouped aggregates, and a percentile is
the one row whose rank (a window ``ROW_NUMBER`` over the durations, ascending) is the nearest
rank ``⌈X/100 × n⌉`` of ``reclamo.domain.quality`` — so no duration list is ever carried to
Python, and a quarter of a million-case register costs a handful of index range scans.

Which cases count (the readings of api.md, stated once):

- A **complaint** is a case *treated as* a complaint (UN-1 may register a phone complaint as a
  fault report; it then counts as a fault report). **Received** in the period: by
  ``received_at``. **Resolved** in the period: its written statement was *sent* in the period
  (``statement_sent_at``), whenever it was received; its resolution time runs from receipt to
  sending. **Within term**: sent no later than its current resolution deadline (the extended
  one where extended); a case without a resolution deadline missed no term and counts as within.
- A **fault report** is a case treated as a fault report. **Valid** unless staff found it
  invalid or caused by the customer (not yet assessed counts as valid). **Repair time**: from
  receipt to the recorded restoration (``service_restored_at``), over the valid reports whose
  service was restored in the period (a restoration recorded before the report is left out).
- A **bill complaint** is a complaint of the category ``billing``, valid or not, received in
  the period.
- Inputs: the fault report rate divides the valid reports by the **average monthly active
  lines** over the months of the period that have a figure; bill complaints are per the **bills
  issued** in the period, only when every month of the period has a figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.fields import BigIntegerField
from django.db.models.functions import RowNumber

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.calendar import FIRST_YEAR, LAST_YEAR, get_zone
from reclamo.domain.calendar.limits import out_of_range
from reclamo.domain.quality import Period, percentile_rank, rate, share
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider
from reclamo.reporting.models import ReportInput

__all__ = [
    "REPAIR_PERCENTS",
    "RESOLUTION_PERCENTS",
    "Indicators",
    "QualityReport",
    "period_bounds",
    "quality_report",
    "report_inputs_list",
    "report_period",
]

RESOLUTION_PERCENTS = (20, 50, 80, 95)
REPAIR_PERCENTS = (80, 95)
NOT_VALID = ("invalid", "customer_caused")
# The longest period a report may cover: a few years of quarters, not the whole register.
MAX_PERIOD_DAYS = 731
# A row at a nearest rank: (department, duration, rank_all, n_all, rank_department,
# n_department).
RankedRow = tuple[str, timedelta, int, int, int, int]


@dataclass(slots=True)
class Indicators:
    """The indicators of one department, or of the whole provider."""

    complaints_received: int = 0
    complaints_resolved: int = 0
    within_term: int = 0
    resolution: dict[int, timedelta | None] = field(
        default_factory=lambda: dict.fromkeys(RESOLUTION_PERCENTS)
    )
    fault_reports_received: int = 0
    fault_reports_valid: int = 0
    fault_reports_repaired: int = 0
    repair: dict[int, timedelta | None] = field(
        default_factory=lambda: dict.fromkeys(REPAIR_PERCENTS)
    )
    billing_complaints_received: int = 0

    @property
    def within_term_share(self) -> str | None:
        return share(self.within_term, self.complaints_resolved)


@dataclass(frozen=True, slots=True)
class QualityReport:
    provider: Provider
    period: Period
    time_zone: str
    total: Indicators
    departments: Mapping[str, Indicators]
    average_active_lines: Decimal | None
    bills_issued: int | None

    @property
    def fault_reports_per_100_lines(self) -> str | None:
        return rate(self.total.fault_reports_valid, self.average_active_lines, 100)

    @property
    def billing_complaints_per_1000_bills(self) -> str | None:
        return rate(self.total.billing_complaints_received, self.bills_issued, 1000)


def period_bounds(period: Period, time_zone: str) -> tuple[datetime, datetime]:
    """The instants [start, end) of local dates ``period.first`` to ``period.last`` inclusive."""
    zone = get_zone(time_zone)
    start = datetime.combine(period.first, time.min, tzinfo=zone)
    end = datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def within(field_name: str, start: datetime, end: datetime) -> Q:
    """``field_name`` in ``[start, end)``: a period's instants, end excluded."""
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def valid_fault() -> Q:
    """A fault report not found invalid by the investigation (the repair-time indicators count
    only these)."""
    return Q(treated_as="fault_report") & (
        Q(fault_validity__isnull=True) | ~Q(fault_validity__in=NOT_VALID)
    )


def late_deadline() -> QuerySet[ComplaintDeadline]:
    """The current resolution deadline of the outer case if its statement was sent after it
    (one EXISTS per case: a case without a resolution deadline missed no term)."""
    return ComplaintDeadline.objects.filter(
        complaint=OuterRef("pk"),
        clock="resolution",
        superseded_at__isnull=True,
        due_at__lt=OuterRef("statement_sent_at"),
    ).order_by()


def nearest_ranks(
    queryset: QuerySet[Complaint], duration: Any, percents: Iterable[int]
) -> list[RankedRow]:
    """The rows at the nearest ranks of ``percents``, over all and per department:
    ``(department, duration, rank_all, n_all, rank_department, n_department)``."""
    percents = tuple(percents)
    ranked = queryset.annotate(
        duration=ExpressionWrapper(duration, output_field=DurationField()),
        rank_all=Window(RowNumber(), order_by=[F("duration").asc()]),
        n_all=Window(Count("*"), output_field=BigIntegerField()),
        rank_dep=Window(
            RowNumber(),
            partition_by=[F("department")],
            order_by=[F("duration").asc()],
        ),
        n_dep=Window(Count("*"), partition_by=[F("department")], output_field=BigIntegerField()),
    )
    wanted = Q()
    for percent in percents:
        # The nearest rank in integers, as domain.quality.percentile_rank computes it in Python:
        # ⌈X·n/100⌉ = (X·n + 99) div 100.
        for rank, count in (("rank_all", "n_all"), ("rank_dep", "n_dep")):
            nearest = ExpressionWrapper(
                (Value(percent) * F(count) + Value(99)) / Value(100),
                output_field=BigIntegerField(),
            )
            wanted |= Q(**{rank: nearest})
    return list(
        ranked.filter(wanted)
        .order_by()
        .values_list("department", "duration", "rank_all", "n_all", "rank_dep", "n_dep")
    )


def percentiles_assign(
    rows: list[RankedRow],
    percents: Iterable[int],
    total: Indicators,
    departments: dict[str, Indicators],
    attribute: str,
) -> None:
    percents = tuple(percents)
    for department, duration, rank_all, n_all, rank_dep, n_dep in rows:
        for percent in percents:
            if rank_all == percentile_rank(percent, n_all):
                getattr(total, attribute)[percent] = duration
            if rank_dep == percentile_rank(percent, n_dep):
                getattr(departments.setdefault(department, Indicators()), attribute)[percent] = (
                    duration
                )


def resolved_in(cases: QuerySet[Complaint], start: datetime, end: datetime) -> QuerySet[Complaint]:
    """The complaints resolved in ``[start, end)``: their written statement was sent in it."""
    return cases.filter(within("statement_sent_at", start, end), treated_as="complaint")


def time_percentiles_assign(
    cases: QuerySet[Complaint],
    start: datetime,
    end: datetime,
    *,
    resolution: tuple[int, ...],
    repair: tuple[int, ...],
    total: Indicators,
    departments: dict[str, Indicators],
) -> list[RankedRow]:
    """The ``resolution`` percentiles of the complaints resolved in ``[start, end)`` and the
    ``repair`` percentiles of the valid fault reports restored in it, over all and per
    department, into ``total`` and ``departments``. Two queries; none for the resolution times
    when ``resolution`` is empty (nothing was resolved). Returns the repair rows: they carry
    how many reports were repaired."""
    if resolution:
        rows = nearest_ranks(
            resolved_in(cases, start, end), F("statement_sent_at") - F("received_at"), resolution
        )
        percentiles_assign(rows, resolution, total, departments, "resolution")
    repaired = cases.filter(
        valid_fault(),
        within("service_restored_at", start, end),
        service_restored_at__gte=F("received_at"),
    )
    rows = nearest_ranks(repaired, F("service_restored_at") - F("received_at"), repair)
    percentiles_assign(rows, repair, total, departments, "repair")
    return rows


def quality_report(
    *, provider: Provider, period: Period, time_zone: str, department: str | None = None
) -> QualityReport:
    """The indicators of ``provider`` for ``period`` (local dates in ``time_zone``), overall
    and per department; with ``department``, that department's cases only. Five queries."""
    start, end = period_bounds(period, time_zone)
    cases = Complaint.objects.filter(provider=provider)
    if department:
        cases = cases.filter(department=department)
    departments: dict[str, Indicators] = {}
    total = Indicators()

    received = (
        cases.filter(within("received_at", start, end))
        .values("department")
        .annotate(
            complaints=Count("department", filter=Q(treated_as="complaint")),
            billing=Count("department", filter=Q(treated_as="complaint", category="billing")),
            faults=Count("department", filter=Q(treated_as="fault_report")),
            faults_valid=Count("department", filter=valid_fault()),
        )
        .order_by()
    )
    for row in received:
        for indicators in (departments.setdefault(row["department"], Indicators()), total):
            indicators.complaints_received += row["complaints"]
            indicators.billing_complaints_received += row["billing"]
            indicators.fault_reports_received += row["faults"]
            indicators.fault_reports_valid += row["faults_valid"]

    resolved = (
        resolved_in(cases, start, end)
        .annotate(late=Exists(late_deadline()))
        .values("department")
        .annotate(n=Count("*"), late_n=Count("department", filter=Q(late=True)))
        .order_by()
    )
    for row in resolved:
        for indicators in (departments.setdefault(row["department"], Indicators()), total):
            indicators.complaints_resolved += row["n"]
            indicators.within_term += row["n"] - row["late_n"]

    rows = time_percentiles_assign(
        cases,
        start,
        end,
        resolution=RESOLUTION_PERCENTS if total.complaints_resolved else (),
        repair=REPAIR_PERCENTS,
        total=total,
        departments=departments,
    )
    for department_slug, _duration, _rank, n_all, _rank_dep, n_dep in rows:
        total.fault_reports_repaired = n_all
        departments[department_slug].fault_reports_repaired = n_dep

    lines, bills = _inputs(provider, period)
    return QualityReport(
        provider=provider,
        period=period,
        time_zone=time_zone,
        total=total,
        departments=dict(sorted(departments.items())),
        average_active_lines=lines,
        bills_issued=bills,
    )


def _inputs(provider: Provider, period: Period) -> tuple[Decimal | None, int | None]:
    months = period.months()
    per_month: dict[tuple[str, date], int] = {
        (row["measure"], row["month"]): row["total"]
        for row in ReportInput.objects.filter(provider=provider, month__in=months)
        .values("measure", "month")
        .annotate(total=Sum("value"))
        .order_by()
    }
    lines = [
        per_month[("active_lines", month)]
        for month in months
        if ("active_lines", month) in per_month
    ]
    average = Decimal(sum(lines)) / len(lines) if lines else None
    bills = [per_month.get(("bills_issued", month)) for month in months]
    issued = None if None in bills else sum(b for b in bills if b is not None)
    return average, issued


def report_inputs_list(
    *, provider: Provider, months: Iterable[date] | None = None
) -> list[ReportInput]:
    queryset = ReportInput.objects.filter(provider=provider)
    if months is not None:
        queryset = queryset.filter(month__in=list(months))
    return list(queryset.order_by("month", "measure", "service"))


def report_period(*, first: date, last: date) -> Period:
    """The period asked for, or a 422: outside the years Reclamo counts in, reversed, or longer
    than MAX_PERIOD_DAYS."""
    for value, name in ((first, "from"), (last, "to")):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            error = out_of_range(name, value)
            raise ApplicationError(
                error.code, error.message, name, status=422, params=dict(error.params)
            )
    if last < first:
        raise ApplicationError(
            "period_reversed", "to: the period ends before it starts.", "to", status=422
        )
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise ApplicationError(
            "period_too_long",
            f"to: a report covers at most {MAX_PERIOD_DAYS} days.",
            "to",
            status=422,
            params={"days": MAX_PERIOD_DAYS},
        )
    return Period(first, last)
