"""The worker's timers fire once each: with a controlled clock, across a restart, and with two
sweeps at once (threads, on PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from reclamo.accounts.tests.factories import ProviderAdminFactory
from reclamo.casework.models import TimerMark
from reclamo.casework.tests.conftest import case_register
from reclamo.casework.timers import timers_sweep
from reclamo.complaints.models import Complaint, ComplaintDeadline

RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # Friday 10:00 in Bratislava


def _petrocomp_complaint(provider):  # type: ignore[no-untyped-def]
    return case_register(
        provider,
        received_at=RECEIVED,
        channel="letter",
        category="quality",
        complexity="technical",
    )


@pytest.mark.rule("PC-13")
def test_PC_13_deemed_upheld_on_time_with_its_letter_and_event(
    petrocomp, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    complaint = _petrocomp_complaint(petrocomp)
    due = ComplaintDeadline.objects.get(
        complaint=complaint, clock="deemed_upheld", superseded_at__isnull=True
    ).due_at
    # 60 days from 2026-11-20 → 2027-01-19 23:59:59 Bratislava.
    assert due == datetime(2027, 1, 19, 22, 59, 59, tzinfo=UTC)
    timers_sweep(now=due - timedelta(seconds=1))
    complaint.refresh_from_db()
    assert complaint.status != "deemed_upheld"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fired = timers_sweep(now=due)
    assert fired["deemed_upheld"] == 1
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == ("deemed_upheld", "upheld")
    assert complaint.events.filter(type="deemed_upheld").count() == 1
    assert any(complaint.number in m.subject for m in mailoutbox)


@pytest.mark.rule("PC-13")
def test_each_timer_fires_once_across_a_worker_restart(petrocomp, mailoutbox) -> None:
    ProviderAdminFactory(provider=petrocomp, email="admin@petrocomp.sk")
    complaint = _petrocomp_complaint(petrocomp)
    resolution = ComplaintDeadline.objects.get(complaint=complaint, clock="resolution")
    # The worker was down: it starts hours after the reminder and the breach were due.
    first = timers_sweep(now=resolution.due_at + timedelta(hours=5))
    assert first["breach"] == 1 and first["reminder"] == 0
    # Restarted again later, and again: nothing fires twice.
    again = timers_sweep(now=resolution.due_at + timedelta(hours=6))
    assert again == {"reminder": 0, "breach": 0, "deemed_upheld": 0}
    assert complaint.events.filter(type="deadline_breached").count() == 1


def test_a_reminder_fires_before_the_deadline_once(petrocomp) -> None:
    complaint = _petrocomp_complaint(petrocomp)
    resolution = ComplaintDeadline.objects.get(complaint=complaint, clock="resolution")
    assert timers_sweep(now=resolution.due_at - timedelta(hours=2))["reminder"] == 1
    assert timers_sweep(now=resolution.due_at - timedelta(hours=1))["reminder"] == 0
    assert complaint.events.filter(type="deadline_reminder").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("PC-13")
def test_two_sweeps_at_once_fire_each_timer_once(bundled_providers) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL (SQLite serialises writers)")
    complaint = _petrocomp_complaint(bundled_providers["petrocomp"])
    due = ComplaintDeadline.objects.get(complaint=complaint, clock="deemed_upheld").due_at
    barrier = threading.Barrier(2)
    results: list[dict[str, int]] = []

    def sweep() -> None:
        try:
            barrier.wait()
            results.append(timers_sweep(now=due + timedelta(minutes=1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result["deemed_upheld"] for result in results) == 1
    assert TimerMark.objects.filter(kind="deemed_upheld").count() == 1
    assert Complaint.objects.get(pk=complaint.pk).events.filter(type="deemed_upheld").count() == 1


def test_the_breach_notice_gives_the_deadline_in_the_providers_time_in_the_readers_language(
    petrocomp, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    ProviderAdminFactory(provider=petrocomp, email="admin@petrocomp.sk", language="sk")
    complaint = _petrocomp_complaint(petrocomp)
    resolution = ComplaintDeadline.objects.get(complaint=complaint, clock="resolution")
    with django_capture_on_commit_callbacks(execute=True):
        timers_sweep(now=resolution.due_at + timedelta(minutes=5))
    (notice,) = [m for m in mailoutbox if m.to == ["admin@petrocomp.sk"]]
    local = resolution.due_at.astimezone(ZoneInfo("Europe/Bratislava"))
    # 23:59 on Bratislava's wall clock (T-1), not the stored UTC instant.
    assert f"{local:%H:%M}" == "23:59" and "23:59" in notice.body
    assert complaint.number in notice.body and "UTC" not in notice.body
