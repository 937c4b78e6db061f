"""What a manager's dashboard reads: the backlog now (open cases by department and age,
overdue and at risk, and their trend) and the period's figures (deadline compliance per month,
resolution times, cases per channel, intake refusals, deemed acceptances).

``dashboard_read`` reads what the ``dashboard_figures_sweep`` keeps (reclamo.reporting.services,
every few minutes): the counts of each past day (``DailyFigures``) summed, today's (and any day
the sweep has not covered) counted live; the backlog as the sweep last found it
(``BacklogFigures``); the period's percentiles as last computed (``PeriodTimes``). Each figure
says as of when. ``dashboard_read_direct`` computes the same from the register alone (the
reference the stored figures are tested against; also the fallback before any sweep).

The backlog is counted in :mod:`reclamo.reporting.backlog`, the resolution and repair times in
:mod:`reclamo.reporting.resolution_times`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, Q
from django.db.models.functions import TruncMonth

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period
from reclamo.providers.models import Provider
from reclamo.reporting.backlog import (
    Backlog,
    BacklogPoint,
    backlog_now,
    backlog_stored,
    backlog_trend,
)
from reclamo.reporting.figures import COUNT_FIELDS, DayCounts, DayKey, day_figures
from reclamo.reporting.models import DailyFigures, FiguresMark, PeriodTimes
from reclamo.reporting.resolution_times import Times, period_times, times_of
from reclamo.reporting.selectors import late_deadline, period_bounds, quality_report, within

# Stored percentiles older than this are not shown; the dashboard computes them itself instead.
TIMES_FRESH = timedelta(minutes=30)


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


def dashboard_read_direct(
    *,
    provider: Provider,
    period: Period,
    time_zone: str,
    now: datetime,
    department: str | None = None,
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
        for row in cases.filter(within("statement_sent_at", start, end))
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
        cases.filter(within("received_at", start, end))
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
            within("received_at", start, end), provider=provider, outcome="refused"
        )
        .values("channel")
        .annotate(n=Count("*"))
        .order_by("channel")
        .values_list("channel", "n")
    )
    return Dashboard(
        period=period,
        department=department,
        backlog=backlog_now(provider, department, now),
        compliance=compliance,
        times=times_of(
            quality_report(
                provider=provider, period=period, time_zone=time_zone, department=department
            ).total
        ),
        channels=channels,
        deemed_upheld=deemed,
        refusals=refusals,
    )


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

    stored = backlog_stored(provider, department, now)
    backlog, backlog_as_of = stored if stored else (backlog_now(provider, department, now), None)

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
        (p50, p80, repair_p80), _departments = period_times(
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
