"""The backlog of a manager's dashboard: the open cases by department and age, overdue and at
risk — counted now from the register, or as the ``dashboard_figures_sweep`` last found it — and
its trend over a period, week by week (month by month over four months)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.quality import Period
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.providers.models import Provider
from reclamo.reporting.models import BacklogFigures

# A case is at risk when its nearest deadline falls within this (the register's filter too).
AT_RISK = timedelta(hours=24)
# A stored backlog older than this is not shown; the dashboard counts it itself instead.
BACKLOG_FRESH = timedelta(minutes=30)
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
class BacklogPoint:
    """The backlog at the end of a week (or month): the last day the sweep recorded in it."""

    day: date
    open: int
    overdue: int
    at_risk: int


def backlog_now(provider: Provider, department: str | None, now: datetime) -> list[Backlog]:
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
            at_risk=Count("department", filter=Q(nearest__gte=now, nearest__lt=now + AT_RISK)),
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


def backlog_stored(
    provider: Provider, department: str | None, now: datetime
) -> tuple[list[Backlog], datetime] | None:
    latest = (
        BacklogFigures.objects.filter(provider=provider, taken_at__gte=now - BACKLOG_FRESH)
        .order_by("-day")
        .values_list("day", "taken_at")
        .first()
    )
    if latest is None:
        return None
    rows = BacklogFigures.objects.filter(provider=provider, day=latest[0])
    if department:
        rows = rows.filter(department=department)
    backlog = [
        Backlog(
            department=row.department,
            open=row.open,
            ages={name: getattr(row, f"age_{name}") for name, _low, _high in AGE_BUCKETS},
            overdue=row.overdue,
            at_risk=row.at_risk,
        )
        for row in rows.order_by("department")
    ]
    return backlog, latest[1]


def backlog_trend(
    *, provider: Provider, period: Period, department: str | None = None
) -> list[BacklogPoint]:
    """The backlog at the end of each week of the period (each month, over four months), as
    the sweep recorded it; weeks without a record are left out."""
    rows = BacklogFigures.objects.filter(
        provider=provider, day__gte=period.first, day__lte=period.last
    )
    if department:
        rows = rows.filter(department=department)
    monthly = period.days > 122
    last_of: dict[tuple[int, int], BacklogPoint] = {}
    for row in (
        rows.values("day")
        .annotate(open_n=Sum("open"), overdue_n=Sum("overdue"), at_risk_n=Sum("at_risk"))
        .order_by("day")
    ):
        day = row["day"]
        key = (day.year, day.month) if monthly else day.isocalendar()[:2]
        last_of[key] = BacklogPoint(day, row["open_n"], row["overdue_n"], row["at_risk_n"])
    return list(last_of.values())
