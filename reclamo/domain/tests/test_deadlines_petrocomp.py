"""PETROCOMP's deadlines, worked examples per rule id (PC-2, PC-4, PC-5, PC-9, PC-11…PC-13),
starting with the example of api.md."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reclamo.domain.calendar import months_after
from reclamo.domain.deadlines import IntakeDecision
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.deadline_helpers import (
    BA,
    PETROCOMP,
    ask,
    ba,
    deadline,
    end_of,
    rules_of,
    same_instant,
)


@pytest.mark.rule("PC-11", "PC-12", "PC-13", "T-1", "T-2")
def test_api_example_petrocomp_technical_complaint() -> None:
    answer = ask(
        PETROCOMP,
        category="quality",
        complexity="technical",
        received_at=ba(2026, 11, 20, 10, 0),
        defect_discovered_at=date(2026, 11, 20),
    )
    assert (answer.provider, answer.version) == ("petrocomp", "2015-01-01")
    assert (answer.accepted, answer.refusal, answer.treated_as) == (True, None, "complaint")
    assert answer.department == "technical"
    assert deadline(answer, "resolution").due_at.isoformat() == "2026-12-21T23:59:59+01:00"
    assert deadline(answer, "deemed_upheld").due_at.isoformat() == "2027-01-19T23:59:59+01:00"
    assert answer.due_at("internal_target") is None
    assert answer.due_at("resolution_extended_max") is None
    assert answer.due_at("repair") is None
    assert answer.rules == ("PC-11", "PC-12", "PC-13")
    # api.md answers filing.last_day 2026-12-20, a Sunday: the 30 days of PC-11 as counted (T-1).
    # T-2 still gives the customer the next working day: a filing on 2026-12-21 is in time, and
    # the answer says so with rolled_to.
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time, answer.filing.rule) == (
        date(2026, 12, 20),
        True,
        "PC-11",
    )
    assert answer.filing.rolled_to == date(2026, 12, 21)
    assert answer.filing.ends_at.isoformat() == "2026-12-21T23:59:59+01:00"


@pytest.mark.rule("PC-11", "T-2")
def test_PC_11_T_2_a_complaint_filed_on_the_rolled_working_day_is_in_time() -> None:
    fields: dict[str, object] = {
        "category": "quality",
        "complexity": "technical",
        "defect_discovered_at": date(2026, 11, 20),
    }
    filing = ask(PETROCOMP, received_at=ba(2026, 12, 21, 16), **fields).filing
    assert filing is not None
    assert filing.last_day == date(2026, 12, 20) and filing.in_time is True
    late = ask(PETROCOMP, received_at=ba(2026, 12, 22, 9), **fields).filing
    assert late is not None and late.in_time is False


@pytest.mark.rule("PC-2")
def test_PC_2_email_complaint_is_refused_naming_the_accepted_channels() -> None:
    answer = ask(PETROCOMP, channel="email", category="quality", received_at=ba(2026, 11, 20, 9))
    assert not answer.accepted
    assert answer.refusal is not None
    assert (answer.refusal.code, answer.refusal.rule) == ("channel_not_accepted", "PC-2")
    assert answer.refusal.texts["sk"].endswith(
        "Reklamáciu môžete podať: List, Osobne, Zákaznícky portál."
    )
    assert "Letter, In person, Customer portal" in answer.refusal.texts["en"]
    assert answer.refusal.text("hu", "sk") == answer.refusal.texts["sk"]
    assert (answer.treated_as, answer.department, answer.filing) == (None, None, None)
    assert answer.due_at("resolution") is None
    assert answer.rules == ("PC-2",)


@pytest.mark.rule("PC-2")
def test_PC_2_email_discount_claim_is_refused() -> None:
    answer = ask(PETROCOMP, kind="discount_claim", channel="email", received_at=ba(2026, 11, 20, 9))
    assert answer.refusal is not None and answer.refusal.rule == "PC-2"


@pytest.mark.rule("PC-2")
def test_PC_2_email_fault_report_is_taken() -> None:
    answer = ask(
        PETROCOMP,
        kind="fault_report",
        channel="email",
        fault_location="customer_premises",
        received_at=ba(2026, 11, 20, 9),
    )
    assert answer.accepted and answer.treated_as == "fault_report"


@pytest.mark.rule("PC-2")
def test_petrocomp_web_form_is_off_until_enabled() -> None:
    answer = ask(PETROCOMP, channel="web", received_at=ba(2026, 11, 20, 9))
    assert not answer.accepted
    assert answer.refusal is not None
    assert answer.refusal.texts["en"].endswith(
        "You can reach us: Letter, In person, Customer portal."
    )


@pytest.mark.rule("PC-2", "PC-4")
def test_petrocomp_phone_quality_complaint_becomes_a_fault_report() -> None:
    answer = ask(
        PETROCOMP,
        channel="phone",
        category="quality",
        fault_location="outside_premises",
        received_at=ba(2026, 11, 20, 10, 0),
    )
    assert (answer.treated_as, answer.due_at("resolution")) == ("fault_report", None)
    same_instant(answer.due_at("repair"), ba(2026, 11, 22, 10, 0))


def fault_outside(received_at: datetime) -> IntakeDecision:
    return ask(
        PETROCOMP,
        kind="fault_report",
        channel="phone",
        fault_location="outside_premises",
        received_at=received_at,
    )


@pytest.mark.rule("PC-4")
def test_PC_4_report_in_window_repair_starts_within_48_hours() -> None:
    answer = fault_outside(ba(2026, 11, 20, 10, 0))  # Friday 10:00
    same_instant(answer.due_at("repair"), ba(2026, 11, 22, 10, 0))
    assert deadline(answer, "repair").milestone == "repair_started"
    assert answer.rules == ("PC-4",)


@pytest.mark.rule("PC-4")
def test_PC_4_report_after_hours_counts_from_next_opening() -> None:
    answer = fault_outside(ba(2026, 11, 20, 19, 30))  # Friday evening → Saturday 09:00
    same_instant(answer.due_at("repair"), ba(2026, 11, 23, 9, 0))


@pytest.mark.rule("PC-4")
def test_PC_4_report_on_sunday_counts_from_monday() -> None:
    answer = fault_outside(ba(2026, 11, 22, 12, 0))
    same_instant(answer.due_at("repair"), ba(2026, 11, 25, 9, 0))


@pytest.mark.rule("PC-4")
def test_PC_4_report_on_a_holiday_counts_from_next_working_day() -> None:
    # Christmas Eve (Thursday), Christmas, St Stephen (Saturday) and Sunday are closed.
    answer = fault_outside(ba(2026, 12, 24, 10, 0))
    same_instant(answer.due_at("repair"), ba(2026, 12, 30, 9, 0))


@pytest.mark.rule("PC-4", "T-4")
def test_PC_4_48_hours_across_spring_forward() -> None:
    answer = fault_outside(ba(2026, 3, 28, 10, 0))  # Saturday, CET
    same_instant(answer.due_at("repair"), ba(2026, 3, 30, 11, 0))  # Monday, CEST


@pytest.mark.rule("PC-4", "T-4")
def test_PC_4_48_hours_across_fall_back() -> None:
    answer = fault_outside(ba(2026, 10, 24, 10, 0))  # Saturday, CEST
    same_instant(answer.due_at("repair"), ba(2026, 10, 26, 9, 0))  # Monday, CET


@pytest.mark.rule("PC-5")
def test_PC_5_repair_at_site_48_hours_from_any_report() -> None:
    answer = ask(
        PETROCOMP,
        kind="fault_report",
        channel="phone",
        fault_location="customer_premises",
        received_at=ba(2026, 11, 20, 19, 30),
    )
    same_instant(answer.due_at("repair"), ba(2026, 11, 22, 19, 30))
    assert deadline(answer, "repair").milestone == "repair_done"
    assert answer.rules == ("PC-5",)


@pytest.mark.rule("PC-9", "T-2", "T-3")
def test_PC_9_discount_claim_three_months_month_end_without_such_day() -> None:
    # Restored 2026-11-30: T-3 gives 2027-02-28 (no 30 February), a Sunday → Monday 2027-03-01.
    answer = ask(
        PETROCOMP,
        kind="discount_claim",
        service_restored_at=ba(2026, 11, 30, 16, 0),
        received_at=ba(2026, 12, 1, 9, 0),
    )
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time, answer.filing.rule) == (
        date(2027, 2, 28),
        True,
        "PC-9",
    )
    assert answer.filing.rolled_to == date(2027, 3, 1)
    assert answer.department == "customer-service"
    raw = months_after(
        ba(2026, 11, 30, 16, 0),
        3,
        time_zone="Europe/Bratislava",
        roll_to_working_day=False,
        holidays=None,
    )
    assert raw.date() == date(2027, 2, 28)


@pytest.mark.rule("PC-9", "T-2")
def test_PC_9_late_discount_claim() -> None:
    answer = ask(
        PETROCOMP,
        kind="discount_claim",
        service_restored_at=ba(2026, 8, 15, 10, 0),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    assert answer.filing is not None
    # 2026-11-15 (Sunday) as counted; T-2 gives until Monday 2026-11-16, still before receipt.
    assert (answer.filing.last_day, answer.filing.in_time) == (date(2026, 11, 15), False)
    assert answer.filing.rolled_to == date(2026, 11, 16)


@pytest.mark.rule("PC-9")
def test_PC_9_discount_claim_by_phone_is_refused() -> None:
    answer = ask(PETROCOMP, kind="discount_claim", channel="phone", received_at=ba(2026, 11, 20, 9))
    assert answer.refusal is not None and answer.refusal.rule == "PC-9"
    assert "písomne" in answer.refusal.texts["sk"]


@pytest.mark.rule("PC-9")
def test_PC_9_restoration_after_receipt_is_refused() -> None:
    # A discount claim cannot precede the restoration it claims for (readings 2026-11-22).
    with pytest.raises(DomainError) as caught:
        ask(
            PETROCOMP,
            kind="discount_claim",
            service_restored_at=ba(2026, 11, 20, 9, 1),
            received_at=ba(2026, 11, 20, 9, 0),
        )
    assert (caught.value.field, caught.value.code) == ("service_restored_at", "after_received")
    # Restored the same minute it was received is still in order.
    same_time = ask(
        PETROCOMP,
        kind="discount_claim",
        service_restored_at=ba(2026, 11, 20, 9, 0),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    assert same_time.filing is not None and same_time.filing.rule == "PC-9"


@pytest.mark.rule("PC-11", "T-2")
def test_PC_11_filing_thirty_days_from_discovery() -> None:
    answer = ask(
        PETROCOMP,
        category="quality",
        complexity="simple",
        defect_discovered_at=date(2026, 10, 1),
        received_at=ba(2026, 10, 30, 9, 0),
    )
    assert answer.filing is not None
    assert (answer.filing.last_day, answer.filing.in_time, answer.filing.rule) == (
        date(2026, 10, 31),
        True,
        "PC-11",
    )
    # Day 30 is Saturday 2026-10-31, 11-01 is All Saints' Day (a Sunday): T-2 gives 11-02.
    assert answer.filing.rolled_to == date(2026, 11, 2)


@pytest.mark.rule("PC-12", "T-2")
@pytest.mark.parametrize(
    ("complexity", "last_day"),
    [
        ("simple", date(2026, 12, 7)),  # day 15 is Saturday 2026-12-05
        ("technical", date(2026, 12, 21)),  # day 30 is Sunday 2026-12-20
        ("partner", date(2027, 1, 19)),  # day 60, a Tuesday
    ],
)
def test_PC_12_resolution_by_complexity(complexity: str, last_day: date) -> None:
    answer = ask(PETROCOMP, complexity=complexity, received_at=ba(2026, 11, 20, 9, 0))
    same_instant(answer.due_at("resolution"), end_of(last_day, BA))
    assert answer.complexity == complexity
    assert rules_of(answer)["resolution"] == "PC-12"


@pytest.mark.rule("PC-12")
def test_PC_12_unclassified_complaint_held_to_the_simple_period() -> None:
    answer = ask(PETROCOMP, received_at=ba(2026, 11, 20, 9, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 7), BA))
    assert answer.complexity == "simple"


@pytest.mark.rule("PC-13")
def test_PC_13_deemed_upheld_sixty_days_after_receipt() -> None:
    answer = ask(PETROCOMP, complexity="partner", received_at=ba(2026, 11, 20, 9, 0))
    same_instant(answer.due_at("deemed_upheld"), end_of(date(2027, 1, 19), BA))
    assert answer.rules == ("PC-12", "PC-13")


@pytest.mark.rule("PC-13", "T-2")
def test_PC_13_deemed_upheld_landing_on_christmas_eve() -> None:
    # Received 2026-10-25: day 60 is Thursday 2026-12-24 (Christmas Eve) → Monday 2026-12-28.
    answer = ask(PETROCOMP, received_at=ba(2026, 10, 25, 9, 0))
    same_instant(answer.due_at("deemed_upheld"), end_of(date(2026, 12, 28), BA))
