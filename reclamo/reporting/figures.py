"""The dashboard's counts per local day, department and channel, read from the register.

The same function serves the sweep that stores them (``DailyFigures``, every day touched since
its last run) and the dashboard's live part (today, and any day the sweep has not covered yet),
so a stored day and a day counted live are the same figures by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.db.models import Count, Exists, Q
from django.db.models.functions import TruncDate

from reclamo.complaints.models import Complaint, ComplaintEvent, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period
from reclamo.providers.models import Provider
from reclamo.reporting.selectors import late_deadline, period_bounds, valid_fault, within

__all__ = ["DayCounts", "DayKey", "day_figures", "day_ranges", "days_touched"]

# (day, department, channel); refusals are filed under the department "".
DayKey = tuple[date, str, str]


@dataclass(slots=True)
class DayCounts:
    received: int = 0
    complaints_received: int = 0
    billing_received: int = 0
    faults_received: int = 0
    faults_valid: int = 0
    deemed_upheld: int = 0
    sent: int = 0
    sent_late: int = 0
    complaints_resolved: int = 0
    complaints_late: int = 0
    refused: int = 0

    def add(self, other: DayCounts) -> None:
        for name in COUNT_FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNT_FIELDS = tuple(f.name for f in fields(DayCounts))


def day_figures(
    *,
    provider: Provider,
    first: date,
    last: date,
    time_zone: str,
    department: str | None = None,
) -> dict[DayKey, DayCounts]:
    """The counts of local days ``first`` to ``last`` (three grouped queries)."""
    zone = get_zone(time_zone)
    start, end = period_bounds(Period(first, last), time_zone)
    cases = Complaint.objects.filter(provider=provider)
    if department:
        cases = cases.filter(department=department)
    figures: dict[DayKey, DayCounts] = {}

    def at(row: dict[str, object], department_key: str = "department") -> DayCounts:
        key = (row["day"], str(row[department_key]), str(row["channel"]))
        return figures.setdefault(key, DayCounts())  # type: ignore[arg-type]

    received = (
        cases.filter(within("received_at", start, end))
        .annotate(day=TruncDate("received_at", tzinfo=zone))
        .values("day", "department", "channel")
        .annotate(
            n=Count("*"),
            complaints=Count("department", filter=Q(treated_as="complaint")),
            billing=Count("department", filter=Q(treated_as="complaint", category="billing")),
            faults=Count("department", filter=Q(treated_as="fault_report")),
            faults_valid=Count("department", filter=valid_fault()),
            deemed=Count("department", filter=Q(status="deemed_upheld")),
        )
        .order_by()
    )
    for row in received:
        counts = at(row)
        counts.received = row["n"]
        counts.complaints_received = row["complaints"]
        counts.billing_received = row["billing"]
        counts.faults_received = row["faults"]
        counts.faults_valid = row["faults_valid"]
        counts.deemed_upheld = row["deemed"]

    sent = (
        cases.filter(within("statement_sent_at", start, end))
        .annotate(late=Exists(late_deadline()), day=TruncDate("statement_sent_at", tzinfo=zone))
        .values("day", "department", "channel")
        .annotate(
            n=Count("*"),
            late_n=Count("department", filter=Q(late=True)),
            resolved=Count("department", filter=Q(treated_as="complaint")),
            resolved_late=Count("department", filter=Q(treated_as="complaint", late=True)),
        )
        .order_by()
    )
    for row in sent:
        counts = at(row)
        counts.sent = row["n"]
        counts.sent_late = row["late_n"]
        counts.complaints_resolved = row["resolved"]
        counts.complaints_late = row["resolved_late"]

    refused = (
        IntakeRecord.objects.filter(
            within("received_at", start, end), provider=provider, outcome="refused"
        )
        .annotate(day=TruncDate("received_at", tzinfo=zone))
        .values("day", "channel")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in refused:
        figures.setdefault((row["day"], "", row["channel"]), DayCounts()).refused = row["n"]
    return figures


def days_touched(*, provider: Provider, after_event: int, time_zone: str) -> tuple[set[date], int]:
    """The local days whose counts may have changed through the case events above
    ``after_event`` (the days the cases were received and their statements sent), and the
    highest event id seen."""
    zone = get_zone(time_zone)
    days: set[date] = set()
    newest = after_event
    rows = (
        ComplaintEvent.objects.filter(complaint__provider=provider, id__gt=after_event)
        .order_by()
        .values_list("id", "complaint__received_at", "complaint__statement_sent_at")
    )
    for event_id, received_at, sent_at in rows.iterator(chunk_size=2000):
        newest = max(newest, event_id)
        days.add(received_at.astimezone(zone).date())
        if sent_at is not None:
            days.add(sent_at.astimezone(zone).date())
    return days, newest


def day_ranges(days: Iterable[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days as (first, last) ranges."""
    ordered = sorted(set(days))
    if not ordered:
        return
    first = previous = ordered[0]
    for day in ordered[1:]:
        if day != previous + timedelta(days=1):
            yield first, previous
            first = day
        previous = day
    yield first, previous
