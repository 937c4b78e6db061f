"""What a manager's dashboard reads: the backlog now (open cases by department and age,
overdue and at risk, and their trend) and the period's figures (deadline compliance per month,
resolution times, cases per channel, intake refusals, deemed acceptances).

``dashboard_read`` reads what the ``dashboard_figures_sweep`` keeps (reclamo.reporting.services,
every few minutes): the counts of each past day (``DailyFigures``) summed, today's (and any day
the sweep has not covered) counted live; the backlog as the sweep last found it
(``BacklogFigures``); the period's percentiles as last computed (``PeriodTimes``). Each figure
says as of when. ``dashboard_read_direct`` computes the same from the register alone (the
reference the stored figures are tested against; also the fallback before any sweep)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from reclamo.complaints.models import Complaint, ComplaintDeadline, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period, share
from reclamo.providers.models import Provider
from reclamo.reporting.figures import COUNT_FIELDS, DayCounts, DayKey, day_figures
from reclamo.reporting.models import BacklogFigures, DailyFigures, FiguresMark, PeriodTimes
from reclamo.reporting.selectors import (
    Indicators,
    _assign_percentiles,
    _in,
    _ranked,
    _valid_fault,
    late_deadline,
    period_bounds,
    quality_report,
)

OPEN_STATUSES = ("registered", "in_progress", "waiting_for_customer")
# A case is at risk when its nearest deadline falls within this (the register's filter too).
AT_RISK = timedelta(hours=24)
# Stored figures older than these are not shown; the dashboard counts them itself instead.
BACKLOG_FRESH = timedelta(minutes=30)
TIMES_FRESH = timedelta(minutes=30)
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


@dataclass(frozen=True, slots=True)
class BacklogPoint:
    """The backlog at the end of a week (or month): the last day the sweep recorded in it."""

    day: date
    open: int
    overdue: int
    at_risk: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    period: Period
    department: str | None
    backlog: list[Backlog]
    compliance: list[MonthCompliance]
    times: Times
    channels: dict[str, int]
    deemed_upheld: int
    refusals: dict[str, int]
    # When the stored backlog was taken, and when the sweep last counted the past days; None
    # where the figure was counted for this page.
    backlog_as_of: datetime | None = None
    figures_as_of: datetime | None = None
    trend: list[BacklogPoint] | None = None


def default_period(today: date) -> Period:
    """The dashboard's period when none is asked for: the last three months up to today."""
    return Period((today.replace(day=1) - timedelta(days=62)).replace(day=1), today)


def backlog_now(
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


def dashboard_read_direct(
    *,
    provider: Provider,
    period: Period,
    time_zone: str,
    now: datetime,
    department: str | None = None,
    at_risk: timedelta = AT_RISK,
) -> Dashboard:
    """Every figure counted from the register for this call (seconds on a million cases)."""
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
        backlog=backlog_now(provider, department, now, at_risk),
        compliance=compliance,
        times=_times_of(
            quality_report(
                provider=provider, period=period, time_zone=time_zone, department=department
            ).total
        ),
        channels=channels,
        deemed_upheld=deemed,
        refusals=refusals,
    )


def _times_of(total: Indicators, as_of: datetime | None = None) -> Times:
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
    resolved = cases.filter(_in("statement_sent_at", start, end), treated_as="complaint")
    rows = _ranked(resolved, F("statement_sent_at") - F("received_at"), (50, 80))
    _assign_percentiles(rows, (50, 80), total, departments, "resolution")
    repaired = cases.filter(
        _valid_fault(),
        _in("service_restored_at", start, end),
        service_restored_at__gte=F("received_at"),
    )
    rows = _ranked(repaired, F("service_restored_at") - F("received_at"), (80,))
    _assign_percentiles(rows, (80,), total, departments, "repair")
    return total.resolution[50], total.resolution[80], total.repair[80]


def _stored_backlog(
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


def _stored_counts(
    provider: Provider, period: Period, time_zone: str, department: str | None
) -> tuple[dict[DayKey, DayCounts], datetime | None]:
    """The counts of the period's days: stored ones for the days the sweep had closed when it
    last ran, the rest (today, at least) counted now."""
    zone = get_zone(time_zone)
    figures: dict[DayKey, DayCounts] = {}
    live_from, as_of = period.first, None
    mark = FiguresMark.objects.filter(provider=provider, time_zone=time_zone).first()
    if mark is not None:
        stored_last = min(mark.swept_at.astimezone(zone).date() - timedelta(days=1), period.last)
        if stored_last >= period.first:
            rows = DailyFigures.objects.filter(
                provider=provider, day__gte=period.first, day__lte=stored_last
            )
            if department:
                rows = rows.filter(Q(department=department) | Q(department=""))
            for row in rows.values("day", "department", "channel", *COUNT_FIELDS):
                key = (row.pop("day"), row.pop("department"), row.pop("channel"))
                figures[key] = DayCounts(**row)
            live_from, as_of = stored_last + timedelta(days=1), mark.swept_at
    if live_from <= period.last:
        figures.update(
            day_figures(
                provider=provider,
                first=live_from,
                last=period.last,
                time_zone=time_zone,
                department=department,
            )
        )
    return figures, as_of


def dashboard_read(
    *,
    provider: Provider,
    period: Period,
    time_zone: str,
    now: datetime,
    department: str | None = None,
    at_risk: timedelta = AT_RISK,
) -> Dashboard:
    """The dashboard from the stored figures (a few small queries), each with its time."""
    figures, figures_as_of = _stored_counts(provider, period, time_zone, department)
    channels: dict[str, int] = {}
    refusals: dict[str, int] = {}
    months: dict[date, DayCounts] = {}
    total = DayCounts()
    for (day, _department, channel), counts in sorted(figures.items()):
        total.add(counts)
        if counts.received:
            channels[channel] = channels.get(channel, 0) + counts.received
        if counts.refused:
            refusals[channel] = refusals.get(channel, 0) + counts.refused
        if counts.sent:
            months.setdefault(day.replace(day=1), DayCounts()).add(counts)
    compliance = [
        MonthCompliance(month=month, sent=c.sent, within=c.sent - c.sent_late)
        for month, c in sorted(months.items())
    ]

    stored = _stored_backlog(provider, department, now) if at_risk == AT_RISK else None
    backlog, backlog_as_of = (
        stored if stored else (backlog_now(provider, department, now, at_risk), None)
    )

    cached = (
        PeriodTimes.objects.filter(
            provider=provider,
            first=period.first,
            last=period.last,
            department=department or "",
            computed_at__gte=now - TIMES_FRESH,
        )
        .values_list("resolution_p50", "resolution_p80", "repair_p80", "computed_at")
        .first()
    )
    if cached is not None:
        p50, p80, repair_p80, times_as_of = cached
    else:
        p50, p80, repair_p80 = period_times(
            provider=provider, period=period, time_zone=time_zone, department=department
        )
        times_as_of = None
    return Dashboard(
        period=period,
        department=department,
        backlog=backlog,
        compliance=compliance,
        times=Times(
            resolved=total.complaints_resolved,
            within=total.complaints_resolved - total.complaints_late,
            resolution_p50=p50,
            resolution_p80=p80,
            repair_p80=repair_p80,
            as_of=times_as_of,
        ),
        channels=channels,
        deemed_upheld=total.deemed_upheld,
        refusals=refusals,
        backlog_as_of=backlog_as_of,
        figures_as_of=figures_as_of,
        trend=backlog_trend(provider=provider, period=period, department=department),
    )
