"""What a manager's dashboard reads: the backlog now (open cases by department and age,
overdue and at risk) and the period's figures (deadline compliance per month, resolution times,
cases per channel, intake refusals, deemed acceptances). A fixed number of grouped queries,
whatever the register's size (the quality report's five, and four of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth

from reclamo.complaints.models import Complaint, ComplaintDeadline, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period
from reclamo.providers.models import Provider
from reclamo.reporting.selectors import (
    QualityReport,
    late_deadline,
    period_bounds,
    quality_report,
)

OPEN_STATUSES = ("registered", "in_progress", "waiting_for_customer")
# Age of an open case since receipt: up to 7 days, 8–30, 31–90, older.
AGE_BUCKETS = (("0_7", 0, 7), ("8_30", 8, 30), ("31_90", 31, 90), ("90_plus", 91, None))


@dataclass(frozen=True, slots=True)
class Backlog:
    department: str
    open: int
    ages: dict[str, int]
    overdue: int
    at_risk: int


@dataclass(frozen=True, slots=True)
class MonthCompliance:
    month: date
    sent: int
    within: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    period: Period
    department: str | None
    backlog: list[Backlog]
    compliance: list[MonthCompliance]
    quality: QualityReport
    channels: dict[str, int]
    deemed_upheld: int
    refusals: dict[str, int]


def _backlog(
    provider: Provider, department: str | None, now: datetime, at_risk: timedelta
) -> list[Backlog]:
    cases = Complaint.objects.filter(provider=provider, status__in=OPEN_STATUSES)
    if department:
        cases = cases.filter(department=department)
    nearest = (
        ComplaintDeadline.objects.filter(complaint=OuterRef("pk"), superseded_at__isnull=True)
        .order_by()
        .values("complaint")
        .annotate(first=Min("due_at"))
        .values("first")
    )
    ages = {}
    for name, low, high in AGE_BUCKETS:
        condition = Q(received_at__lte=now - timedelta(days=low)) if low else Q()
        if high is not None:
            condition &= Q(received_at__gt=now - timedelta(days=high + 1))
        ages[name] = Count("department", filter=condition)
    rows = (
        cases.annotate(nearest=Subquery(nearest))
        .values("department")
        .annotate(
            open=Count("*"),
            overdue=Count("department", filter=Q(nearest__lt=now)),
            at_risk=Count("department", filter=Q(nearest__gte=now, nearest__lt=now + at_risk)),
            **{f"age_{name}": count for name, count in ages.items()},
        )
        .order_by("department")
    )
    return [
        Backlog(
            department=row["department"],
            open=row["open"],
            ages={name: row[f"age_{name}"] for name, _low, _high in AGE_BUCKETS},
            overdue=row["overdue"],
            at_risk=row["at_risk"],
        )
        for row in rows
    ]


def dashboard_read(
    *,
    provider: Provider,
    period: Period,
    time_zone: str,
    now: datetime,
    department: str | None = None,
    at_risk: timedelta = timedelta(hours=24),
) -> Dashboard:
    start, end = period_bounds(period, time_zone)
    cases = Complaint.objects.filter(provider=provider)
    if department:
        cases = cases.filter(department=department)
    compliance = [
        MonthCompliance(
            month=row["month"].date(), sent=row["sent"], within=row["sent"] - row["late_n"]
        )
        for row in cases.filter(statement_sent_at__gte=start, statement_sent_at__lt=end)
        .annotate(
            late=Exists(late_deadline()),
            month=TruncMonth("statement_sent_at", tzinfo=get_zone(time_zone)),
        )
        .values("month")
        .annotate(
            sent=Count("*"),
            late_n=Count("department", filter=Q(late=True)),
        )
        .order_by("month")
    ]
    received = (
        cases.filter(received_at__gte=start, received_at__lt=end)
        .values("channel")
        .annotate(n=Count("*"), deemed=Count("department", filter=Q(status="deemed_upheld")))
        .order_by("channel")
    )
    channels, deemed = {}, 0
    for row in received:
        channels[row["channel"]] = row["n"]
        deemed += row["deemed"]
    refusals = dict(
        IntakeRecord.objects.filter(
            provider=provider, outcome="refused", received_at__gte=start, received_at__lt=end
        )
        .values("channel")
        .annotate(n=Count("*"))
        .order_by("channel")
        .values_list("channel", "n")
    )
    return Dashboard(
        period=period,
        department=department,
        backlog=_backlog(provider, department, now, at_risk),
        compliance=compliance,
        quality=quality_report(
            provider=provider, period=period, time_zone=time_zone, department=department
        ),
        channels=channels,
        deemed_upheld=deemed,
        refusals=refusals,
    )
