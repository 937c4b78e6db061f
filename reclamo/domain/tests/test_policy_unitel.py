"""UNITEL's procedure as transcribed: each test reads back the values of one rule (UN-…)."""

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
def unitel() -> Policy:
    return load_policy_file(BUNDLED / "unitel.yaml")


def hours_of(hours: WeeklyHours | None) -> dict[str, str]:
    assert hours is not None
    return hours.model_dump()


@pytest.mark.rule("UN-1")
def test_UN_1_phone_complaint_is_a_fault_report(unitel: Policy) -> None:
    phone = unitel.channel("phone")
    assert phone is not None
    assert [n.number for n in phone.phone_numbers] == ["0948 031 942", "0948 879 900"]
    assert "complaint" not in phone.accepts and not phone.written
    treatment = phone.treatment("complaint", "quality")
    assert treatment is not None
    assert (treatment.becomes, treatment.rule) == ("fault_report", "UN-1")
    assert "nepovažuje za reklamáciu" in treatment.notice.root["sk"]


@pytest.mark.rule("UN-1")
def test_UN_1_written_channels_accept_complaints(unitel: Policy) -> None:
    written = {c.kind for c in unitel.channels if c.written and "complaint" in c.accepts}
    assert written == {"letter", "email", "web", "portal", "api"}


def test_UN_2_rented_equipment_warranty_24_months(unitel: Policy) -> None:
    (warranty,) = unitel.remedies.warranty
    assert (warranty.rule, warranty.equipment, warranty.months) == ("UN-2", "rented", 24)


@pytest.mark.rule("UN-3")
def test_UN_3_repair_at_home_within_5_days_of_report(unitel: Policy) -> None:
    clock = next(c for c in unitel.clocks.repair if c.rule == "UN-3")
    assert (clock.fault_location, str(clock.within), clock.from_, clock.milestone) == (
        "customer_premises",
        "5 days",
        "received",
        "repair_done",
    )


@pytest.mark.rule("UN-4")
def test_UN_4_repair_outside_within_24_hours_of_the_fault(unitel: Policy) -> None:
    clock = next(c for c in unitel.clocks.repair if c.rule == "UN-4")
    assert (clock.fault_location, str(clock.within), clock.from_) == (
        "outside_premises",
        "24 hours",
        "fault_started",
    )


def test_UN_5_and_UN_6_customer_caused_faults_and_trips_per_km(unitel: Policy) -> None:
    caused = unitel.remedies.customer_caused_faults
    assert caused is not None and (caused.rule, caused.charged_per_price_list) == ("UN-5", True)
    (trip,) = unitel.remedies.technician_trips
    assert (trip.rule, trip.charged_when) == ("UN-6", "customer_caused")
    (item,) = unitel.price_list.items
    assert (item.code, item.unit, item.amount) == (trip.price_item, "per_km", None)
    assert unitel.price_list.amounts == "provider_to_fill"


@pytest.mark.rule("UN-7")
def test_UN_7_billing_complaint_does_not_suspend_payment(unitel: Policy) -> None:
    payment = unitel.remedies.payment_during_complaint
    assert payment is not None
    assert (payment.rule, payment.billing_complaint_suspends_payment) == ("UN-7", False)
    phone = unitel.channel("phone")
    assert phone is not None
    billing = phone.treatment("complaint", "billing")
    assert billing is not None and (billing.becomes, billing.rule) == ("request", "UN-7")


@pytest.mark.rule("UN-8")
def test_UN_8_quality_filing_window(unitel: Policy) -> None:
    window = next(w for w in unitel.clocks.filing if w.rule == "UN-8")
    assert (window.categories, str(window.within), window.from_) == (
        ["quality"],
        "30 days",
        "defect_discovered",
    )


@pytest.mark.rule("UN-9")
def test_UN_9_resolution_and_one_extension(unitel: Policy) -> None:
    (clock,) = unitel.clocks.resolution
    assert (clock.rule, str(clock.within), clock.from_) == ("UN-9", "30 days", "received")
    extension = clock.extension
    assert extension is not None
    assert (extension.times, str(extension.max_extension), str(extension.longest)) == (
        1,
        "30 days",
        "60 days",
    )
    assert extension.decide_before_deadline and extension.reason_required


@pytest.mark.rule("UN-10")
def test_UN_10_billing_filing_window(unitel: Policy) -> None:
    window = next(w for w in unitel.clocks.filing if w.rule == "UN-10")
    assert (window.categories, str(window.within), window.from_) == (
        ["billing"],
        "30 days",
        "invoice_delivered",
    )


def test_UN_11_and_UN_12_outcome(unitel: Policy) -> None:
    outcome = unitel.outcome
    assert (outcome.rule, outcome.ends_rule, outcome.ends) == ("UN-12", "UN-11", "result_sent")
    assert "phone" in outcome.means and not outcome.written_required


def test_UN_13_and_UN_14_remedies(unitel: Policy) -> None:
    credit = unitel.remedies.outage_credit
    correction = unitel.remedies.billing_correction
    assert credit is not None and (credit.rule, credit.method) == ("UN-13", "pro_rata_hours")
    assert correction is not None
    assert (correction.rule, correction.method, correction.one_time_service) == (
        "UN-14",
        "credit_next_invoices",
        "refund",
    )


def test_UN_15_and_UN_16_disputed_bill(unitel: Policy) -> None:
    disputed = unitel.remedies.disputed_bill
    assert disputed is not None
    assert (disputed.rule, disputed.average_months, disputed.shorter_history_more_than_months) == (
        "UN-15",
        6,
        1,
    )
    assert disputed.threshold_multiplier == Decimal(3)
    assert (disputed.min_instalments, disputed.instalments_rule) == (3, "UN-16")


def test_kolarovo_has_its_hungarian_name_and_no_other(unitel: Policy) -> None:
    office = unitel.provider.registered_office
    assert office is not None
    assert office.city_in("hu") == ("Gúta", "hu")
    # Slovak, English and Romanian readers see the official name, which is not in their language.
    for language in ("sk", "en", "ro"):
        assert office.city_in(language) == ("Kolárovo", None)
    letter = unitel.channel("letter")
    assert letter is not None and letter.postal_address is not None
    assert letter.postal_address.city_names == {"hu": "Gúta"}
