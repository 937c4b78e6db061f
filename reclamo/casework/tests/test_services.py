"""Case handling's writes: taking a case, complexity (PC-12), deciding in order (PC-14)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.casework.services import (
    case_take,
    complaint_complexity_change,
    complaint_decide,
    complaint_department_change,
    complaint_investigation_update,
    visit_record,
)
from reclamo.casework.tests.conftest import case_register
from reclamo.complaints.events import Actor
from reclamo.complaints.models import ComplaintDeadline
from reclamo.errors import ApplicationError

RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def _staff(provider):  # type: ignore[no-untyped-def]
    return ProviderStaffFactory(provider=provider)


def _complaint(provider, minutes: int = 0, **facts):  # type: ignore[no-untyped-def]
    return case_register(
        provider,
        received_at=RECEIVED + timedelta(minutes=minutes),
        channel="letter",
        category="quality",
        **facts,
    )


def test_taking_a_case_one_wins_the_other_is_told(petrocomp) -> None:
    complaint = _complaint(petrocomp)
    first, second = (
        _staff(petrocomp),
        _staff(petrocomp),
    )
    assert case_take(complaint=complaint, user=first, now=NOW) is True
    assert case_take(complaint=complaint, user=second, now=NOW) is False
    complaint.refresh_from_db()
    assert complaint.status == "in_progress"
    (taken,) = complaint.events.filter(type="taken")
    # The trail says the handling started with the taking.
    assert taken.data["before"] == {"status": "registered"}
    assert taken.data["after"]["status"] == "in_progress"


@pytest.mark.django_db(transaction=True)
def test_two_agents_clicking_at_once_on_postgresql(bundled_providers) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    provider = bundled_providers["petrocomp"]
    complaint = _complaint(provider)
    agents = [_staff(provider) for _ in range(2)]
    barrier = threading.Barrier(2)
    won: list[bool] = []

    def take(user) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            won.append(case_take(complaint=complaint, user=user, now=NOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(agent,)) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == [False, True]


@pytest.mark.rule("PC-12")
def test_PC_12_changing_complexity_recomputes_the_period_and_records_it(petrocomp) -> None:
    complaint = _complaint(petrocomp)
    assert complaint.complexity == "simple"  # held to the shortest until classified
    user = _staff(petrocomp)
    complaint_complexity_change(complaint=complaint, user=user, complexity="partner", now=NOW)
    rows = ComplaintDeadline.objects.filter(complaint=complaint, clock="resolution")
    current = rows.get(superseded_at__isnull=True)
    # 60 days from 2026-11-20 (Bratislava) → 2027-01-19 23:59:59.
    assert current.due_at == datetime(2027, 1, 19, 22, 59, 59, tzinfo=UTC)
    assert rows.filter(superseded_at=NOW).count() == 1
    event = complaint.events.get(type="complexity_changed")
    assert event.data["after"]["complexity"] == "partner"


@pytest.mark.rule("PC-14")
def test_PC_14_deciding_before_an_older_open_case_needs_a_recorded_reason(petrocomp) -> None:
    older = _complaint(petrocomp)
    newer = _complaint(petrocomp, minutes=30)
    assert older.department == newer.department
    actor = Actor.system("test")
    with pytest.raises(ApplicationError) as refused:
        complaint_decide(complaint=newer, actor=actor, outcome="upheld", reasons="", now=NOW)
    assert refused.value.code == "out_of_order_reason_required"
    complaint_decide(
        complaint=newer,
        actor=actor,
        outcome="upheld",
        reasons="",
        out_of_order_reason="Customer without service",
        now=NOW,
    )
    event = newer.events.get(type="decided_out_of_order")
    assert event.data["after"] == {
        "older_case": older.number,
        "reason": "Customer without service",
        "rule": "PC-14",
    }
    # The older one decides without a reason.
    complaint_decide(complaint=older, actor=actor, outcome="rejected", reasons="OK", now=NOW)


@pytest.mark.rule("PC-15")
def test_PC_15_the_sent_day_is_the_procedures_end(petrocomp) -> None:
    complaint = _complaint(petrocomp)
    statement = complaint_decide(
        complaint=complaint, actor=Actor.system("t"), outcome="upheld", reasons="", now=NOW
    )
    assert statement.sent_at == NOW and statement.means == "email"
    event = complaint.events.get(type="decided")
    assert event.data["after"]["statement_sent_at"] == NOW.isoformat()
    assert event.data["after"]["procedure_end_rule"] == "PC-15"


@pytest.mark.rule("PC-10")
def test_PC_10_a_technician_visit_is_recorded_with_its_rule(petrocomp) -> None:
    complaint = _complaint(petrocomp)
    user = _staff(petrocomp)
    visit = visit_record(
        complaint=complaint,
        user=user,
        visited_at=NOW - timedelta(hours=1),
        kilometres=None,
        trips=1,
        customer_caused=False,
        customer_insisted=True,
        now=NOW,
    )
    assert visit.rule == "PC-10" and visit.charge_amount is None  # priced by remedies later
    assert complaint.events.filter(type="technician_visit_recorded").exists()


def test_a_settled_case_is_neither_rerouted_nor_its_findings_changed(petrocomp) -> None:
    complaint = _complaint(petrocomp)
    complaint_decide(
        complaint=complaint, actor=Actor.system("t"), outcome="upheld", reasons="", now=NOW
    )
    staff = _staff(petrocomp)
    with pytest.raises(ApplicationError) as rerouted:
        complaint_department_change(complaint=complaint, user=staff, department="technical")
    with pytest.raises(ApplicationError) as investigated:
        complaint_investigation_update(
            complaint=complaint,
            user=staff,
            fault_cause="customer",
            fault_validity=None,
            equipment_ownership=None,
            equipment_since=None,
        )
    assert rerouted.value.code == investigated.value.code == "case_settled"
    complaint.refresh_from_db()
    assert not complaint.fault_cause
    assert not complaint.events.filter(type__in=["rerouted", "investigation_updated"]).exists()
