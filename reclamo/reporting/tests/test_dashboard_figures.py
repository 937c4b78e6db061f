"""The dashboard's stored figures (the sweep's day counts, backlog and percentiles) are the
figures the register gives when counted directly, for every period and department, after
changes the sweep picked up from the case events, and with days the sweep has not reached."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from reclamo.complaints.models import Complaint, ComplaintEvent, IntakeRecord
from reclamo.domain.quality import Period
from reclamo.reporting.dashboard import (
    Dashboard,
    dashboard_read,
    dashboard_read_direct,
    default_period,
)
from reclamo.reporting.models import BacklogFigures, DailyFigures, FiguresMark, PeriodTimes
from reclamo.reporting.services import dashboard_figures_refresh, provider_figures_refresh
from reclamo.reporting.tests.conftest import case_create, local

pytestmark = pytest.mark.django_db
ZONE = "Europe/Bucharest"
NOW = local(2026, 3, 20, 15, 30)


def _register(provider) -> None:  # type: ignore[no-untyped-def]
    """Cases over January to March 2026 in two departments and three channels."""
    for day in range(1, 60, 3):
        received = local(2026, 1, 1, 10) + timedelta(days=day)
        case_create(
            provider,
            received_at=received,
            channel="web",
            resolution_due=received + timedelta(days=30),
        )
        # Resolved: on time, late, after an extension, across a month end, just before midnight.
        case_create(
            provider,
            received_at=received,
            channel="email",
            department="technical",
            statement_sent_at=received + timedelta(days=day % 40, hours=13),
            resolution_due=received + timedelta(days=20),
            extended_due=received + timedelta(days=35) if day % 9 == 0 else None,
        )
        case_create(
            provider,
            received_at=received.replace(hour=23, minute=59),
            channel="phone",
            kind="fault_report",
            treated_as="fault_report",
            department="technical",
            fault_validity=("valid", "invalid", "customer_caused", None)[day % 4],
            service_restored_at=received + timedelta(hours=day),
        )
        case_create(provider, received_at=received, category="billing", status="deemed_upheld")
    # Today: counted live.
    case_create(provider, received_at=NOW - timedelta(hours=2), channel="letter")
    case_create(
        provider,
        received_at=NOW - timedelta(days=3),
        statement_sent_at=NOW - timedelta(hours=1),
        resolution_due=NOW + timedelta(days=10),
    )
    for when in (local(2026, 2, 2, 9), local(2026, 3, 20, 8), local(2026, 3, 1, 0, 5)):
        IntakeRecord.objects.create(
            provider=provider, channel="phone", received_at=when, outcome="refused"
        )


def _same(stored: Dashboard, direct: Dashboard) -> None:
    assert stored.backlog == direct.backlog
    assert stored.compliance == direct.compliance
    assert stored.channels == direct.channels
    assert stored.deemed_upheld == direct.deemed_upheld
    assert stored.refusals == direct.refusals
    assert replace(stored.times, as_of=None) == direct.times


PERIODS = [
    default_period(NOW.date()),
    Period(date(2026, 1, 1), date(2026, 1, 31)),
    Period(date(2026, 2, 14), date(2026, 3, 19)),
    Period(date(2026, 3, 20), date(2026, 3, 20)),
]


@pytest.mark.parametrize("department", [None, "technical", "commercial"])
def test_the_stored_figures_are_the_direct_ones(pronet, department) -> None:  # type: ignore[no-untyped-def]
    _register(pronet)
    dashboard_figures_refresh(now=NOW)
    assert DailyFigures.objects.filter(provider=pronet).exists()
    assert FiguresMark.objects.get(provider=pronet).time_zone == ZONE
    for period in PERIODS:
        args = {
            "provider": pronet,
            "period": period,
            "time_zone": ZONE,
            "now": NOW,
            "department": department,
        }
        stored, direct = dashboard_read(**args), dashboard_read_direct(**args)
        _same(stored, direct)
        assert (
            stored.figures_as_of == NOW
            if period.first < NOW.date()
            else stored.figures_as_of is None
        )
        assert stored.backlog_as_of == NOW
    # The default period's percentiles were kept by the sweep, for each of the policy's
    # departments ("commercial" is none of pronet's: counted for the page).
    times = dashboard_read(
        provider=pronet, period=PERIODS[0], time_zone=ZONE, now=NOW, department=department
    ).times
    assert times.as_of == (None if department == "commercial" else NOW)


def test_a_change_recorded_as_a_case_event_is_recounted_by_the_next_run(pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet)
    dashboard_figures_refresh(now=NOW)
    case = (
        Complaint.objects.filter(provider=pronet, status="in_progress")
        .order_by("received_at")
        .first()
    )
    assert case is not None
    Complaint.objects.filter(pk=case.pk).update(status="deemed_upheld")
    ComplaintEvent.objects.create(
        complaint=case, at=NOW, actor_type="system", type="deemed_upheld", data={}
    )
    later = NOW + timedelta(minutes=5)
    args = {"provider": pronet, "period": PERIODS[0], "time_zone": ZONE, "now": later}
    assert dashboard_read(**args).deemed_upheld == dashboard_read_direct(**args).deemed_upheld - 1
    provider_figures_refresh(provider=pronet, time_zone=ZONE, now=later)
    _same(dashboard_read(**args), dashboard_read_direct(**args))
    # A doubled run changes nothing.
    rows = list(
        DailyFigures.objects.filter(provider=pronet)
        .values()
        .order_by("day", "department", "channel")
    )
    provider_figures_refresh(provider=pronet, time_zone=ZONE, now=later)
    again = list(
        DailyFigures.objects.filter(provider=pronet)
        .values()
        .order_by("day", "department", "channel")
    )
    assert [dict(r, id=0) for r in rows] == [dict(r, id=0) for r in again]


def test_days_after_the_last_run_are_counted_live(pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet)
    dashboard_figures_refresh(now=NOW - timedelta(days=10))
    args = {"provider": pronet, "period": PERIODS[0], "time_zone": ZONE, "now": NOW}
    stored = dashboard_read(**args)
    _same(replace(stored, backlog=[]), replace(dashboard_read_direct(**args), backlog=[]))
    # The backlog of ten days ago is stale: counted live instead.
    assert stored.backlog_as_of is None


def test_the_trend_keeps_the_last_record_of_each_week(pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet)
    for days_ago in (13, 9, 8, 1, 0):
        provider_figures_refresh(
            provider=pronet, time_zone=ZONE, now=NOW - timedelta(days=days_ago)
        )
    assert BacklogFigures.objects.filter(provider=pronet).values("day").distinct().count() == 5
    trend = dashboard_read(provider=pronet, period=PERIODS[0], time_zone=ZONE, now=NOW).trend
    assert trend is not None
    # 7 March (Sat), 11 and 12 March (Wed, Thu: one week), 19 and 20 March (Thu, Fri).
    assert [point.day for point in trend] == [
        date(2026, 3, 7),
        date(2026, 3, 12),
        date(2026, 3, 20),
    ]
    assert all(point.open >= point.overdue for point in trend)


def test_a_period_without_a_run_is_counted_directly(pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet)
    args = {"provider": pronet, "period": PERIODS[2], "time_zone": ZONE, "now": NOW}
    stored = dashboard_read(**args)
    _same(stored, dashboard_read_direct(**args))
    assert (stored.figures_as_of, stored.backlog_as_of, stored.times.as_of) == (None, None, None)
    assert not PeriodTimes.objects.exists()
