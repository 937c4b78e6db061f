"""PETROCOMP's procedure as transcribed: each test reads back the values of one rule (PC-…)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.policy import Policy, WeeklyHours, load_policy_file

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"
BRATISLAVA = ZoneInfo("Europe/Bratislava")
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture(scope="module")
def petrocomp() -> Policy:
    return load_policy_file(BUNDLED / "petrocomp.yaml")


def hours_of(hours: WeeklyHours | None) -> dict[str, str]:
    assert hours is not None
    return hours.model_dump()


@pytest.mark.rule("PC-1")
def test_PC_1_hotline(petrocomp: Policy) -> None:
    phone = petrocomp.channel("phone")
    assert phone is not None
    assert [(n.number, n.e164) for n in phone.phone_numbers] == [
        ("+421 902 441 588", "+421902441588")
    ]
    assert hours_of(phone.hours) == {
        "mon-fri": "08:00-18:00",
        "sat": "09:00-18:00",
        "sun": "closed",
    }


@pytest.mark.rule("PC-2")
def test_PC_2_email_refuses_complaints_and_discount_claims(petrocomp: Policy) -> None:
    email = petrocomp.channel("email")
    assert email is not None
    assert set(email.refusals) == {"complaint", "discount_claim"}
    assert all(r.rule == "PC-2" for r in email.refusals.values())
    assert "{channels}" in email.refusals["complaint"].message.root["sk"]
    accepting = {c.kind for c in petrocomp.accepting_channels("complaint")}
    assert accepting == {"letter", "in_person", "portal", "api"}


def test_PC_3_purchased_equipment_warranty(petrocomp: Policy) -> None:
    (warranty,) = petrocomp.remedies.warranty
    assert (warranty.rule, warranty.equipment, warranty.months, warranty.counted_from) == (
        "PC-3",
        "purchased",
        24,
        "purchase",
    )


@pytest.mark.rule("PC-4")
def test_PC_4_repair_outside_starts_within_48_hours_in_report_window(petrocomp: Policy) -> None:
    clock = next(c for c in petrocomp.clocks.repair if c.rule == "PC-4")
    assert (clock.fault_location, clock.milestone, str(clock.within)) == (
        "outside_premises",
        "repair_started",
        "48 hours",
    )
    assert clock.report_window is not None
    assert hours_of(clock.report_window.hours) == {"mon-sat": "09:00-18:00", "sun": "closed"}
    assert clock.report_window.public_holidays == "closed"


@pytest.mark.rule("PC-5")
def test_PC_5_repair_at_site_done_within_48_hours(petrocomp: Policy) -> None:
    clock = next(c for c in petrocomp.clocks.repair if c.rule == "PC-5")
    assert (clock.fault_location, clock.milestone, str(clock.within), clock.report_window) == (
        "customer_premises",
        "repair_done",
        "48 hours",
        None,
    )


def test_PC_6_and_PC_7_outage_discount(petrocomp: Policy) -> None:
    credit = petrocomp.remedies.outage_credit
    assert credit is not None
    assert (credit.rule, credit.method, credit.threshold_hours) == (
        "PC-6",
        "daily_share_whole_days",
        24,
    )
    assert (credit.equipment_rule, credit.equipment_fault_extra_hours) == ("PC-7", 48)


def test_PC_8_customer_caused_faults(petrocomp: Policy) -> None:
    caused = petrocomp.remedies.customer_caused_faults
    assert caused is not None
    assert (caused.rule, caused.charged_per_price_list, caused.customer_may_repair) == (
        "PC-8",
        True,
        True,
    )


@pytest.mark.rule("PC-9")
def test_PC_9_discount_claim_in_writing_within_3_months(petrocomp: Policy) -> None:
    window = next(w for w in petrocomp.clocks.filing if w.rule == "PC-9")
    assert (window.kinds, str(window.within), window.from_, window.written_only) == (
        ["discount_claim"],
        "3 months",
        "service_restored",
        True,
    )
    for channel in petrocomp.accepting_channels("discount_claim"):
        assert channel.written, channel.kind


def test_PC_10_trip_charged_per_trip(petrocomp: Policy) -> None:
    (trip,) = petrocomp.remedies.technician_trips
    (item,) = petrocomp.price_list.items
    assert (trip.rule, trip.charged_when) == ("PC-10", "unnecessary_on_customer_request")
    assert (item.code, item.unit) == (trip.price_item, "per_trip")


@pytest.mark.rule("PC-11")
def test_PC_11_filing_within_30_days_of_discovery(petrocomp: Policy) -> None:
    window = next(w for w in petrocomp.clocks.filing if w.rule == "PC-11")
    assert (str(window.within), window.from_) == ("30 days", "defect_discovered")


@pytest.mark.rule("PC-12")
def test_PC_12_resolution_by_complexity(petrocomp: Policy) -> None:
    periods = {c.complexity: str(c.within) for c in petrocomp.clocks.resolution}
    assert periods == {"simple": "15 days", "technical": "30 days", "partner": "60 days"}
    assert {c.rule for c in petrocomp.clocks.resolution} == {"PC-12"}
    assert petrocomp.clocks.default_complexity == "simple"


@pytest.mark.rule("PC-13")
def test_PC_13_deemed_upheld_after_60_days(petrocomp: Policy) -> None:
    (deemed,) = petrocomp.clocks.deemed_upheld
    assert (deemed.rule, str(deemed.within), deemed.from_) == ("PC-13", "60 days", "received")


def test_PC_14_first_in_first_out(petrocomp: Policy) -> None:
    assert (petrocomp.case_handling.rule, petrocomp.case_handling.order) == (
        "PC-14",
        "first_in_first_out",
    )


def test_PC_15_result_always_in_writing(petrocomp: Policy) -> None:
    assert (petrocomp.outcome.rule, petrocomp.outcome.written_required) == ("PC-15", True)


def test_PC_16_six_month_average_and_two_instalments(petrocomp: Policy) -> None:
    disputed = petrocomp.remedies.disputed_bill
    assert disputed is not None
    assert (disputed.rule, disputed.average_months, disputed.min_instalments) == ("PC-16", 6, 2)
    assert disputed.threshold_multiplier == Decimal(3)


def test_petrocomp_identity_from_the_text(petrocomp: Policy) -> None:
    provider = petrocomp.provider
    assert provider.legal_name == "Ing. Ľubomír Šteruský – PETROCOMP"
    assert (provider.company_id, provider.tax_id) == ("43993681", "1078800052")
    assert provider.registered_office is not None
    assert provider.registered_office.street == "Hrabinská 1775/36"
