"""The deadline engine: worked examples per rule id, the calendar's edges (Christmas, month ends,
DST in both zones) and properties over random instants for every policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reclamo.domain.calendar import months_after
from reclamo.domain.deadlines import (
    Basis,
    CaseFacts,
    Deadline,
    IntakeDecision,
    deadlines_at_registration,
    extension_decide,
    preview,
)
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import (
    CATEGORIES,
    CHANNEL_KINDS,
    COMPLEXITIES,
    FAULT_LOCATIONS,
    Policy,
    load_policy_file,
)
from reclamo.domain.vocabulary import CLOCKS, Clock

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "reclamo" / "providers" / "policies"
BA = ZoneInfo("Europe/Bratislava")
BU = ZoneInfo("Europe/Bucharest")

PRONET = load_policy_file(BUNDLED / "pronet.yaml")
UNITEL = load_policy_file(BUNDLED / "unitel.yaml")
PETROCOMP = load_policy_file(BUNDLED / "petrocomp.yaml")
MAGYARNET = load_policy_file(ROOT / "tests" / "policies" / "magyarnet-hu.yaml")
ALL_POLICIES = [PRONET, UNITEL, PETROCOMP, MAGYARNET]


def ba(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Local time in Bratislava."""
    return datetime(year, month, day, hour, minute, tzinfo=BA)


def bu(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Local time in Bucharest."""
    return datetime(year, month, day, hour, minute, tzinfo=BU)


def end_of(day: date, zone: ZoneInfo) -> datetime:
    """23:59:59 local of ``day`` (T-1)."""
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)


def ask(policy: Policy, **fields: object) -> IntakeDecision:
    fields.setdefault("kind", "complaint")
    fields.setdefault("channel", "letter")
    return preview(policy, CaseFacts(**fields))  # type: ignore[arg-type]


def deadline(answer: IntakeDecision, clock: Clock) -> Deadline:
    found = answer.deadline(clock)
    assert found is not None
    return found


def rules_of(answer: IntakeDecision) -> dict[str, str]:
    """The rule that set each deadline, e.g. {"resolution": "PC-12"}."""
    return {deadline.clock: deadline.rule for deadline in answer.deadlines}


def bases_of(answer: IntakeDecision) -> dict[str, Basis]:
    """How each deadline was counted, e.g. {"resolution": Basis(30, "days", "received")}."""
    return {deadline.clock: deadline.basis for deadline in answer.deadlines}


def same_instant(actual: datetime | None, expected: datetime) -> None:
    """Equal as instants and shown with the same offset (the provider's zone, T-6)."""
    assert actual is not None
    assert actual == expected
    assert actual.utcoffset() == expected.utcoffset()
    assert actual.isoformat() == expected.isoformat()


# --- the example of api.md -----------------------------------------------------------------------


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


# --- PRONET --------------------------------------------------------------------------------------


@pytest.mark.rule("PN-1")
def test_PN_1_routing_by_category_and_explicit_department() -> None:
    received = bu(2026, 11, 20, 10, 0)
    assert ask(PRONET, category="billing", received_at=received).department == "payments"
    assert ask(PRONET, category="quality", received_at=received).department == "technical"
    assert ask(PRONET, category="other", received_at=received).department == "customer-relations"
    assert ask(PRONET, kind="fault_report", received_at=received).department == "technical"
    explicit = ask(PRONET, category="billing", department="technical", received_at=received)
    assert explicit.department == "technical"
    assert explicit.rules[0] == "PN-1"


@pytest.mark.rule("PN-8")
def test_PN_8_request_goes_to_customer_relations() -> None:
    answer = ask(PRONET, kind="request", channel="phone", received_at=bu(2026, 11, 20, 10, 0))
    assert answer.department == "customer-relations"
    assert "PN-8" in answer.rules


@pytest.mark.rule("PN-5", "T-1", "T-2")
def test_PN_5_thirty_days_from_registration_rolled_to_monday() -> None:
    # Received Friday 2026-11-20: day 30 is Sunday 2026-12-20 → Monday 2026-12-21 (T-1, T-2).
    answer = ask(PRONET, channel="web", received_at=bu(2026, 11, 20, 10, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), BU))
    assert rules_of(answer)["resolution"] == "PN-5"


@pytest.mark.rule("PN-5", "PN-6")
def test_PN_5_counts_from_registration_not_receipt() -> None:
    request = CaseFacts(kind="complaint", channel="letter", received_at=bu(2026, 11, 19, 16))
    registered = deadlines_at_registration(PRONET, request, registered_at=bu(2026, 11, 22, 9))
    # Registered Sunday 2026-11-22: day 30 is Tuesday 2026-12-22.
    same_instant(registered.due_at("resolution"), end_of(date(2026, 12, 22), BU))
    # The internal target still counts from receipt (PN-6).
    same_instant(registered.due_at("internal_target"), bu(2026, 11, 19, 18, 0))


@pytest.mark.rule("PN-5", "T-2")
def test_PN_5_skips_st_andrew_and_national_day() -> None:
    # Received 2026-10-31: day 30 is Monday 2026-11-30 (St Andrew), then 12-01 (National Day).
    answer = ask(PRONET, received_at=bu(2026, 10, 31, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 2), BU))


@pytest.mark.rule("PN-6", "T-5")
def test_PN_6_received_at_2030_due_1030_next_day() -> None:
    answer = ask(PRONET, channel="email", received_at=bu(2026, 11, 20, 20, 30))
    same_instant(answer.due_at("internal_target"), bu(2026, 11, 21, 10, 30))
    assert rules_of(answer)["internal_target"] == "PN-6"


@pytest.mark.rule("PN-6", "T-5")
def test_PN_6_received_at_0200_due_1100_same_day() -> None:
    answer = ask(PRONET, channel="phone", received_at=bu(2026, 11, 20, 2, 0))
    same_instant(answer.due_at("internal_target"), bu(2026, 11, 20, 11, 0))


@pytest.mark.rule("PN-6", "T-5")
def test_PN_6_public_holidays_are_working_days() -> None:
    answer = ask(PRONET, received_at=bu(2026, 12, 25, 10, 0))  # Christmas Day
    same_instant(answer.due_at("internal_target"), bu(2026, 12, 25, 12, 0))


@pytest.mark.rule("PN-6", "T-5", "T-6")
def test_PN_6_across_spring_forward_in_bucharest() -> None:
    # 2026-03-29 03:00 → 04:00: 30 minutes on Saturday, 90 on Sunday from 09:00 EEST.
    answer = ask(
        PRONET, received_at=datetime(2026, 3, 28, 20, 30, tzinfo=timezone(timedelta(hours=2)))
    )
    same_instant(answer.due_at("internal_target"), bu(2026, 3, 29, 10, 30))
    assert deadline(answer, "internal_target").due_at.utcoffset() == timedelta(hours=3)


@pytest.mark.rule("PN-6", "T-5", "T-6")
def test_PN_6_across_fall_back_in_bucharest() -> None:
    answer = ask(PRONET, received_at=bu(2026, 10, 24, 20, 0))
    same_instant(answer.due_at("internal_target"), bu(2026, 10, 25, 10, 0))
    assert deadline(answer, "internal_target").due_at.utcoffset() == timedelta(hours=2)


@pytest.mark.rule("PN-5", "T-2")
def test_PN_deadline_landing_on_christmas_rolls_past_it() -> None:
    # Received 2026-11-25: day 30 is Friday 2026-12-25 (Christmas), 26th holiday, 27th Sunday.
    answer = ask(PRONET, received_at=bu(2026, 11, 25, 9, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 28), BU))


def test_pronet_has_no_discount_claims() -> None:
    with pytest.raises(DomainError) as caught:
        ask(PRONET, kind="discount_claim", received_at=bu(2026, 11, 20, 10))
    assert (caught.value.field, caught.value.code) == ("kind", "kind_not_offered")


# --- UNITEL --------------------------------------------------------------------------------------


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


def unitel_complaint() -> CaseFacts:
    return CaseFacts(
        kind="complaint", channel="letter", category="quality", received_at=ba(2026, 11, 20, 9, 0)
    )


@pytest.mark.rule("UN-9")
def test_UN_9_extension_granted_before_the_deadline() -> None:
    decision = extension_decide(
        UNITEL,
        unitel_complaint(),
        decided_at=ba(2026, 12, 10, 14, 0),
        extend_by_days=10,
        extensions_so_far=0,
        reason="Waiting for the backbone operator's measurements.",
    )
    # 40 days from 2026-11-20 → Wednesday 2026-12-30.
    same_instant(decision.resolution, end_of(date(2026, 12, 30), BA))
    same_instant(decision.previous_resolution, end_of(date(2026, 12, 21), BA))
    assert decision.rule == "UN-9"


@pytest.mark.rule("UN-9")
def test_UN_9_full_extension_ends_at_the_longest_period() -> None:
    decision = extension_decide(
        UNITEL,
        unitel_complaint(),
        decided_at=ba(2026, 12, 21, 23, 0),  # on the last day, still before the deadline
        extend_by_days=30,
        extensions_so_far=0,
        reason="Partner investigation.",
    )
    same_instant(decision.resolution, end_of(date(2027, 1, 19), BA))
    assert decision.resolution == decision.longest


@pytest.mark.rule("UN-9")
@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"decided_at": ba(2026, 12, 22, 0, 0)}, "decided_at", "extension_too_late"),
        ({"extensions_so_far": 1}, "extend_by_days", "extension_already_used"),
        ({"extend_by_days": 31}, "extend_by_days", "extension_too_long"),
        ({"extend_by_days": 0}, "extend_by_days", "extension_too_long"),
        ({"reason": "  "}, "reason", "reason_required"),
    ],
)
def test_UN_9_extension_refused(changes: dict[str, object], field: str, code: str) -> None:
    arguments: dict[str, object] = {
        "decided_at": ba(2026, 12, 10, 14, 0),
        "extend_by_days": 30,
        "extensions_so_far": 0,
        "reason": "Partner investigation.",
        **changes,
    }
    with pytest.raises(DomainError) as caught:
        extension_decide(UNITEL, unitel_complaint(), **arguments)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_extension_not_allowed_where_the_procedure_has_none() -> None:
    request = CaseFacts(kind="complaint", channel="letter", received_at=ba(2026, 11, 20, 9))
    with pytest.raises(DomainError) as caught:
        extension_decide(
            PETROCOMP,
            request,
            decided_at=ba(2026, 11, 25),
            extend_by_days=10,
            extensions_so_far=0,
            reason="x",
        )
    assert caught.value.code == "extension_not_allowed"


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


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_fall_back_in_bratislava() -> None:
    # Received 2026-10-20 (CEST): day 30 is Thursday 2026-11-19, shown in CET.
    answer = ask(UNITEL, received_at=ba(2026, 10, 20, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 11, 19), BA))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=1)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_spring_forward_in_bratislava() -> None:
    answer = ask(UNITEL, received_at=ba(2026, 3, 10, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 4, 9), BA))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=2)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_spring_forward_in_bucharest() -> None:
    answer = ask(PRONET, received_at=bu(2026, 3, 10, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 4, 9), BU))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=3)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_fall_back_in_bucharest() -> None:
    # Received 2026-10-20: day 30 is Thursday 2026-11-19 (EET).
    answer = ask(PRONET, received_at=bu(2026, 10, 20, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 11, 19), BU))


@pytest.mark.rule("T-1")
def test_received_day_is_the_local_day() -> None:
    # 23:30 UTC on 2026-11-19 is already 2026-11-20 in Bratislava (T-1 counts local days).
    answer = ask(UNITEL, received_at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), BA))


# --- PETROCOMP -----------------------------------------------------------------------------------


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


# --- the fourth provider -------------------------------------------------------------------------


def test_magyarnet_complaint_answered_within_30_days() -> None:
    budapest = ZoneInfo("Europe/Budapest")
    answer = ask(MAGYARNET, channel="email", received_at=datetime(2026, 11, 20, 9, tzinfo=budapest))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), budapest))
    assert answer.department == "ugyfelszolgalat"
    refused = ask(
        MAGYARNET, channel="phone", received_at=datetime(2026, 11, 20, 9, tzinfo=budapest)
    )
    assert refused.refusal is not None
    assert (
        refused.refusal.texts["hu"]
        == "Panaszt csak írásban fogadunk el: Levél, E-mail, Ügyfélportál."
    )


# --- invalid input -------------------------------------------------------------------------------


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": "praise"}, "kind", "unknown_value"),
        ({"channel": "pigeon"}, "channel", "unknown_value"),
        ({"category": "price"}, "category", "unknown_value"),
        ({"complexity": "hard"}, "complexity", "unknown_value"),
        ({"fault_location": "moon"}, "fault_location", "unknown_value"),
        ({"department": "billing"}, "department", "unknown_department"),
        ({"received_at": datetime(2026, 11, 20, 9)}, "received_at", "naive_datetime"),  # noqa: DTZ001
        ({"fault_started_at": datetime(2026, 11, 20, 9)}, "fault_started_at", "naive_datetime"),  # noqa: DTZ001
        ({"fault_started_at": ba(2026, 11, 21, 9)}, "fault_started_at", "after_received"),
        ({"defect_discovered_at": date(2026, 11, 21)}, "defect_discovered_at", "after_received"),
        ({"invoice_delivered_at": date(2026, 12, 1)}, "invoice_delivered_at", "after_received"),
        ({"invoice_delivered_at": ba(2026, 11, 1)}, "invoice_delivered_at", "invalid"),
        ({"service_restored_at": date(2026, 11, 1)}, "service_restored_at", "not_a_datetime"),
        ({"kind": None}, "kind", "required"),
    ],
)
def test_invalid_input_is_refused_with_field_and_code(
    fields: dict[str, object], field: str, code: str
) -> None:
    request: dict[str, object] = {"received_at": ba(2026, 11, 20, 10), **fields}
    with pytest.raises(DomainError) as caught:
        ask(UNITEL, **request)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message


def test_registration_before_receipt_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        deadlines_at_registration(PRONET, unitel_complaint(), registered_at=ba(2026, 11, 19, 9))
    assert caught.value.code == "before_received"


# --- properties ----------------------------------------------------------------------------------

ZONES = [
    UTC,
    BA,
    BU,
    ZoneInfo("Europe/Budapest"),
    timezone(timedelta(hours=-5)),
    ZoneInfo("Asia/Tokyo"),
]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Policy, CaseFacts]:
    policy = draw(st.sampled_from(ALL_POLICIES))
    received_at = draw(
        st.datetimes(
            min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
            max_value=datetime(2035, 12, 31),  # noqa: DTZ001
            timezones=st.sampled_from(ZONES),
        )
    )
    local_day = received_at.astimezone(ZoneInfo(policy.time_zone)).date()
    before = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=200))
    optional = st.none() | st.just(True)
    request = CaseFacts(
        kind=draw(st.sampled_from(policy.kinds)),
        channel=draw(st.sampled_from(CHANNEL_KINDS)),
        received_at=received_at,
        category=draw(st.none() | st.sampled_from(CATEGORIES)),
        department=draw(st.none() | st.sampled_from(policy.department_slugs)),
        complexity=draw(st.none() | st.sampled_from(COMPLEXITIES)),
        fault_location=draw(st.none() | st.sampled_from(FAULT_LOCATIONS)),
        fault_started_at=received_at - draw(before) if draw(optional) else None,
        defect_discovered_at=draw(
            st.none() | st.just(local_day - draw(before)) | st.just(received_at - draw(before))
        ),
        invoice_delivered_at=local_day - draw(before) if draw(optional) else None,
        service_restored_at=received_at - draw(before) if draw(optional) else None,
    )
    return policy, request


def is_working_day(policy: Policy, day: date) -> bool:
    return policy.holidays.is_working_day(day)


@settings(max_examples=400, deadline=None)
@given(cases())
def test_deadlines_never_before_their_start(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    from_receipt: tuple[Clock, ...] = (
        "internal_target",
        "resolution",
        "resolution_extended_max",
        "deemed_upheld",
    )
    for clock in from_receipt:
        value = answer.due_at(clock)
        assert value is None or value >= request.received_at
    repair = answer.deadline("repair")
    if repair is not None:
        # UN-4 counts from the fault's occurrence, which may be before the report: the deadline
        # may already have passed when the fault is reported. Every other repair clock counts
        # from the report.
        start = request.received_at
        if repair.rule == "UN-4" and request.fault_started_at is not None:
            start = request.fault_started_at
        assert repair.due_at >= start


@pytest.mark.rule("T-1", "T-2", "T-6")
@settings(max_examples=400, deadline=None)
@given(cases())
def test_rolled_deadlines_fall_on_working_days(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    zone = ZoneInfo(policy.time_zone)
    rolled = [
        answer.due_at("resolution"),
        answer.due_at("resolution_extended_max"),
        answer.due_at("deemed_upheld"),
        answer.filing.ends_at if answer.filing else None,
    ]
    if rules_of(answer).get("repair") == "UN-3":
        rolled.append(answer.due_at("repair"))
    for value in rolled:
        if value is None:
            continue
        assert value.tzinfo is not None
        local = value.astimezone(zone)
        assert value.utcoffset() == local.utcoffset()  # shown in the provider's zone (T-6)
        assert (local.hour, local.minute, local.second) == (23, 59, 59)  # T-1
        assert is_working_day(policy, local.date())  # T-2


@pytest.mark.rule("UN-9")
@settings(max_examples=400, deadline=None)
@given(cases())
def test_longest_extension_is_never_before_the_resolution(
    case: tuple[Policy, CaseFacts],
) -> None:
    policy, request = case
    answer = preview(policy, request)
    longest = answer.due_at("resolution_extended_max")
    if longest is not None:
        resolution = answer.due_at("resolution")
        assert resolution is not None
        assert longest >= resolution


@settings(max_examples=200, deadline=None)
@given(cases())
def test_refusal_and_acceptance_are_exclusive(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    assert answer.accepted == (answer.refusal is None)
    if answer.accepted:
        assert answer.department in policy.department_slugs
        assert answer.treated_as in policy.kinds
    else:
        assert answer.refusal is not None
        assert set(policy.languages) <= set(answer.refusal.texts)
        assert "{channels}" not in " ".join(answer.refusal.texts.values())


@settings(max_examples=200, deadline=None)
@given(cases())
def test_deadlines_are_self_contained_records_in_clock_order(
    case: tuple[Policy, CaseFacts],
) -> None:
    policy, request = case
    answer = preview(policy, request)
    clocks = [deadline.clock for deadline in answer.deadlines]
    assert clocks == sorted(set(clocks), key=CLOCKS.index)  # each clock once, in CLOCKS order
    for record in answer.deadlines:
        assert answer.deadline(record.clock) is record
        assert answer.due_at(record.clock) == record.due_at
        assert record.due_at.utcoffset() is not None
        assert record.rule in answer.rules
        assert (record.milestone is not None) == (record.clock == "repair")
    for clock in set(CLOCKS) - set(clocks):
        assert answer.deadline(clock) is None and answer.due_at(clock) is None


def test_each_deadline_says_how_it_was_counted() -> None:
    answer = ask(
        UNITEL,
        category="quality",
        fault_location="outside_premises",
        fault_started_at=ba(2026, 11, 19, 22, 0),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    bases = bases_of(answer)
    assert bases["resolution"] == Basis(30, "days", "received")  # UN-9
    assert bases["resolution_extended_max"] == Basis(60, "days", "received")  # UN-9
    assert bases["repair"] == Basis(24, "hours", "fault_started")  # UN-4
    pronet = ask(PRONET, category="quality", channel="web", received_at=bu(2026, 11, 20, 20, 30))
    assert bases_of(pronet)["internal_target"] == Basis(2, "working_hours", "received")


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("received_at", datetime(1, 1, 1, tzinfo=UTC)),
        ("received_at", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
        ("fault_started_at", datetime(1969, 12, 31, tzinfo=UTC)),
    ],
)
def test_an_instant_the_product_cannot_count_in_is_refused_naming_its_field(
    field: str, value: datetime
) -> None:
    received = {"received_at": bu(2026, 11, 20, 9), field: value}
    with pytest.raises(DomainError) as refused:
        ask(PRONET, fault_location="customer_premises", **received)
    assert (refused.value.code, refused.value.field) == ("out_of_range", field)
