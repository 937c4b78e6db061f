"""PRONET's deadlines, worked examples per rule id (PN-1, PN-5, PN-6, PN-8): routing, the
resolution period from registration, the working-hours internal target across DST."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from reclamo.domain.deadlines import CaseFacts, deadlines_at_registration
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.deadline_helpers import (
    BU,
    PRONET,
    ask,
    bu,
    deadline,
    end_of,
    rules_of,
    same_instant,
)


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
