"""UNITEL's deadlines, worked examples per rule id (UN-1, UN-3, UN-4, UN-7…UN-10): what a
phone call becomes, repair clocks from the report or the fault, filing windows."""

from __future__ import annotations

from datetime import date

import pytest

from reclamo.domain.tests.deadline_helpers import (
    BA,
    UNITEL,
    ask,
    ba,
    deadline,
    end_of,
    rules_of,
    same_instant,
)


@pytest.mark.rule("UN-1", "UN-3")
def test_UN_1_phone_complaint_is_registered_as_a_fault_report() -> None:
    answer = ask(
        UNITEL,
        channel="phone",
        category="quality",
        fault_location="customer_premises",
        received_at=ba(2026, 11, 20, 15, 0),
    )
    assert (answer.accepted, answer.treated_as, answer.department) == (
        True,
        "fault_report",
        "technical",
    )
    assert answer.notice is not None and answer.notice.rule == "UN-1"
    assert "List, E-mail, Webový formulár, Zákaznícky portál" in answer.notice.texts["sk"]
    assert "Levél, E-mail, Webes űrlap, Ügyfélportál" in answer.notice.texts["hu"]
    assert answer.due_at("resolution") is None  # no complaint clock: it is not a complaint
    assert answer.filing is None
    assert answer.rules == ("UN-1", "UN-3")


@pytest.mark.rule("UN-1")
def test_UN_1_written_complaint_is_a_complaint() -> None:
    answer = ask(UNITEL, channel="email", category="quality", received_at=ba(2026, 11, 20, 15))
    assert (answer.treated_as, answer.notice) == ("complaint", None)


@pytest.mark.rule("UN-7")
def test_UN_7_phone_billing_complaint_is_a_request() -> None:
    answer = ask(UNITEL, channel="phone", category="billing", received_at=ba(2026, 11, 20, 15))
    assert (answer.treated_as, answer.department) == ("request", "customer-service")
    assert answer.notice is not None and answer.notice.rule == "UN-7"
    assert answer.rules[0] == "UN-7"


@pytest.mark.rule("UN-3", "T-1")
def test_UN_3_five_days_from_report() -> None:
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="customer_premises",
        received_at=ba(2026, 11, 20, 15, 0),
    )
    same_instant(answer.due_at("repair"), end_of(date(2026, 11, 25), BA))
    assert deadline(answer, "repair").milestone == "repair_done"


@pytest.mark.rule("UN-3", "T-2")
def test_UN_3_landing_on_christmas_rolls_to_monday() -> None:
    # Reported Monday 2026-12-21: day 5 is Saturday 2026-12-26 (St Stephen), then Sunday.
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="customer_premises",
        received_at=ba(2026, 12, 21, 8, 0),
    )
    same_instant(answer.due_at("repair"), end_of(date(2026, 12, 28), BA))


@pytest.mark.rule("UN-4", "T-4")
def test_UN_4_24_hours_from_the_fault_not_the_report() -> None:
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="outside_premises",
        fault_started_at=ba(2026, 11, 20, 8, 0),
        received_at=ba(2026, 11, 20, 11, 0),
    )
    same_instant(answer.due_at("repair"), ba(2026, 11, 21, 8, 0))
    assert answer.rules == ("UN-1", "UN-4")


@pytest.mark.rule("UN-4")
def test_UN_4_without_fault_time_counts_from_the_report() -> None:
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="outside_premises",
        received_at=ba(2026, 11, 20, 11, 0),
    )
    same_instant(answer.due_at("repair"), ba(2026, 11, 21, 11, 0))


@pytest.mark.rule("UN-4", "T-4")
def test_UN_4_elapsed_hours_across_fall_back_in_bratislava() -> None:
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="outside_premises",
        fault_started_at=ba(2026, 10, 24, 12, 0),
        received_at=ba(2026, 10, 24, 13, 0),
    )
    same_instant(answer.due_at("repair"), ba(2026, 10, 25, 11, 0))  # 24 h, clock went back


@pytest.mark.rule("UN-4", "T-4")
def test_UN_4_elapsed_hours_across_spring_forward_in_bratislava() -> None:
    answer = ask(
        UNITEL,
        kind="fault_report",
        channel="phone",
        fault_location="outside_premises",
        fault_started_at=ba(2026, 3, 28, 12, 0),
        received_at=ba(2026, 3, 28, 12, 30),
    )
    same_instant(answer.due_at("repair"), ba(2026, 3, 29, 13, 0))


@pytest.mark.rule("UN-8", "T-2")
def test_UN_8_late_quality_complaint_still_registers() -> None:
    # Discovered 2026-10-15: day 30 is Saturday 2026-11-14 → Monday 2026-11-16.
    answer = ask(
        UNITEL,
        category="quality",
        defect_discovered_at=date(2026, 10, 15),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    assert answer.accepted
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time, answer.filing.rule) == (
        date(2026, 11, 14),
        False,
        "UN-8",
    )
    assert answer.filing.rolled_to == date(2026, 11, 16)


@pytest.mark.rule("UN-8", "T-1")
def test_UN_8_discovery_as_an_instant() -> None:
    answer = ask(
        UNITEL,
        category="quality",
        defect_discovered_at=ba(2026, 10, 25, 23, 30),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time) == (date(2026, 11, 24), True)


@pytest.mark.rule("UN-9", "T-1", "T-2")
def test_UN_9_thirty_days_and_longest_extension_sixty_days_from_receipt() -> None:
    answer = ask(UNITEL, category="quality", received_at=ba(2026, 11, 20, 9, 0))
    # Day 30 is Sunday 2026-12-20 → 2026-12-21. The longest period is one 60-day period:
    # 2027-01-19 (Tuesday) — not the rolled 2026-12-21 + 30 days (2027-01-20).
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), BA))
    same_instant(answer.due_at("resolution_extended_max"), end_of(date(2027, 1, 19), BA))
    assert answer.rules == ("UN-9",)
    assert rules_of(answer) == {"resolution": "UN-9", "resolution_extended_max": "UN-9"}


@pytest.mark.rule("UN-10")
def test_UN_10_billing_filing_window_from_invoice_delivery() -> None:
    answer = ask(
        UNITEL,
        category="billing",
        invoice_delivered_at=date(2026, 11, 2),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time, answer.filing.rule) == (
        date(2026, 12, 2),
        True,
        "UN-10",
    )
    assert answer.department == "customer-service"
    assert answer.rules == ("UN-7", "UN-10", "UN-9")


def test_unitel_has_no_desk() -> None:
    answer = ask(UNITEL, channel="in_person", received_at=ba(2026, 11, 20, 9))
    assert not answer.accepted
    assert answer.refusal is not None and answer.refusal.code == "channel_not_accepted"
