"""The policy format: the bundled procedures load, carry the values of their rules, and a broken
policy is refused with every problem located by line and field path."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.calendar import WeeklyWindow
from reclamo.domain.policy import (
    Policy,
    PolicyInvalid,
    PolicyProblem,
    WeeklyHours,
    load_policy_file,
    load_policy_text,
)

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "reclamo" / "providers" / "policies"
MAGYARNET = ROOT / "tests" / "policies" / "magyarnet-hu.yaml"
BRATISLAVA = ZoneInfo("Europe/Bratislava")
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture(scope="module")
def pronet() -> Policy:
    return load_policy_file(BUNDLED / "pronet.yaml")


@pytest.fixture(scope="module")
def unitel() -> Policy:
    return load_policy_file(BUNDLED / "unitel.yaml")


@pytest.fixture(scope="module")
def petrocomp() -> Policy:
    return load_policy_file(BUNDLED / "petrocomp.yaml")


def hours_of(hours: WeeklyHours | None) -> dict[str, str]:
    assert hours is not None
    return hours.model_dump()


# --- the bundled files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "slug"),
    [("pronet.yaml", "pronet"), ("unitel.yaml", "unitel"), ("petrocomp.yaml", "petrocomp")],
)
def test_bundled_policy_loads(file: str, slug: str) -> None:
    policy = load_policy_file(BUNDLED / file)
    assert policy.slug == slug


@pytest.mark.parametrize("path", [*sorted(BUNDLED.glob("*.yaml")), MAGYARNET])
def test_policy_survives_a_round_trip_through_json(path: Path) -> None:
    policy = load_policy_file(path)
    dumped = policy.model_dump(mode="json", by_alias=True)
    assert Policy.model_validate(dumped) == policy


def test_fourth_provider_loads_with_no_code_change() -> None:
    policy = load_policy_file(MAGYARNET)
    assert (policy.slug, policy.country, policy.time_zone, policy.currency) == (
        "magyarnet",
        "HU",
        "Europe/Budapest",
        "HUF",
    )
    assert policy.languages == ["hu", "en"]
    assert policy.department_slugs == ("ugyfelszolgalat",)
    clock = policy.clocks.resolution[0]
    assert (str(clock.within), clock.from_) == ("30 days", "received")
    assert all(c.written for c in policy.channels if "complaint" in c.accepts)


def test_the_documented_example_loads() -> None:
    text = (ROOT / "docs" / "policy-format.md").read_text(encoding="utf-8")
    example = text.rsplit("```yaml\n", 1)[1].split("```", 1)[0]
    policy = load_policy_text(example, source="docs/policy-format.md")
    assert policy.slug == "magyarnet"


def test_versions_and_effective_dates(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert (unitel.version, unitel.effective_from, unitel.effective_until) == (
        "2020-07-01",
        date(2020, 7, 1),
        None,
    )
    assert (petrocomp.version, petrocomp.effective_from) == ("2015-01-01", date(2015, 1, 1))
    assert pronet.is_in_force(date(2026, 11, 21))
    assert not petrocomp.is_in_force(date(2014, 12, 31))


def test_registration_numbers(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert petrocomp.format_registration_number(year=2026, seq=42) == "PC-2026-000042"
    assert pronet.format_registration_number(year=2026, seq=1) == "PN-2026-000001"
    assert unitel.format_registration_number(year=2027, seq=123456) == "UN-2027-123456"


def test_every_provider_rolls_to_working_day(
    pronet: Policy, unitel: Policy, petrocomp: Policy
) -> None:
    # T-2
    assert (
        pronet.roll_to_working_day and unitel.roll_to_working_day and petrocomp.roll_to_working_day
    )


def test_zones_currencies_and_languages(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert (pronet.country, pronet.time_zone, pronet.currency, pronet.languages) == (
        "RO",
        "Europe/Bucharest",
        "RON",
        ["ro"],
    )
    assert (unitel.time_zone, unitel.currency, unitel.languages) == (
        "Europe/Bratislava",
        "EUR",
        ["sk", "hu"],
    )
    assert (petrocomp.time_zone, petrocomp.currency, petrocomp.languages) == (
        "Europe/Bratislava",
        "EUR",
        ["sk"],
    )


def test_unitel_handles_complaints_in_slovak_only_and_says_so_in_hungarian(unitel: Policy) -> None:
    assert unitel.complaint_languages == ["sk"]
    notice = unitel.complaint_language_notice
    assert notice is not None
    assert notice.root["hu"] == "A panaszkezelés jelenleg kizárólag szlovák nyelven érhető el."
    assert "slovenskom" in notice.root["sk"]


def test_texts_fall_back_to_the_default_language(unitel: Policy, pronet: Policy) -> None:
    technical = unitel.department("technical")
    assert technical is not None
    assert unitel.text(technical.name, "hu") == "Műszaki osztály"
    assert unitel.text(technical.name, "ro") == "Technické oddelenie"  # no ro: default sk
    payments = pronet.department("payments")
    assert payments is not None
    assert pronet.text(payments.name, "en") == "Payments Department"


def test_legal_citations_replaced_since(unitel: Policy, petrocomp: Policy) -> None:
    # procedures.md: both SK texts cite acts that were later replaced; staff see a warning.
    (unitel_act,) = unitel.outdated_citations(date(2026, 11, 21))
    assert (unitel_act.act.reference, unitel_act.replaced_on, unitel_act.in_force) == (
        "351/2011 Z. z.",
        date(2022, 2, 1),
        "452/2021 Z. z.",
    )
    assert unitel.outdated_citations(date(2022, 1, 31)) == []
    (petrocomp_act,) = petrocomp.outdated_citations(date(2026, 11, 21))
    assert petrocomp_act.act.reference == "610/2003 Z. z."
    assert petrocomp_act.act.provisions == ["§ 44"]
    assert petrocomp_act.in_force == "452/2021 Z. z."
    # Act 610/2003 was already replaced (by 351/2011) when the procedure took effect.
    (in_2015,) = petrocomp.outdated_citations(date(2015, 1, 1))
    assert (in_2015.replaced_on, in_2015.in_force) == (date(2011, 11, 1), "351/2011 Z. z.")


def test_weekly_hours_become_calendar_windows() -> None:
    hours = WeeklyHours.model_validate({"mon-fri": "09:00-17:30", "sat": "closed"})
    assert hours.weekly_windows()[0] == WeeklyWindow(0, time(9), time(17, 30))
    assert len(hours.weekly_windows()) == 5
    non_stop = WeeklyHours.model_validate("non-stop")
    assert non_stop.is_non_stop
    assert non_stop.weekly_windows()[6] == WeeklyWindow(6, time(0), None)  # 24:00
    assert WeeklyHours.model_validate({"mon-sun": "00:00-24:00"}) == non_stop
    assert WeeklyHours.model_validate({"mon - fri": ["09:00-17:30"]}) == WeeklyHours.model_validate(
        {"mon-fri": "09:00-17:30", "sat-sun": "closed"}
    )
    split = WeeklyHours.model_validate({"sat,sun": "09:00-12:00, 13:00-17:00"})
    assert split.model_dump() == {
        "mon-fri": "closed",
        "sat-sun": "09:00-12:00, 13:00-17:00",
    }


# --- ProNET (PN-…) -------------------------------------------------------------------------------


def test_PN_1_departments(pronet: Policy) -> None:
    assert pronet.department_slugs == ("technical", "customer-relations", "payments")


def test_PN_1_routing_by_category_and_channel(pronet: Policy) -> None:
    routes = {tuple(r.categories): r.department for r in pronet.routing.routes if r.categories}
    assert routes == {
        ("quality", "equipment"): "technical",
        ("billing",): "payments",
        ("other",): "customer-relations",
    }
    assert pronet.routing.rule == "PN-1"
    assert pronet.department_for_email("tehnic@pronetit.ro") == "technical"
    assert pronet.department_for_email("Clienti@PronetIT.ro") == "customer-relations"
    assert pronet.department_for_email("plati@pronetit.ro") == "payments"
    assert pronet.department_for_menu_digit("1") == "technical"
    assert pronet.department_for_menu_digit("2") == "payments"
    assert pronet.department_for_menu_digit("3") == "customer-relations"


def test_PN_2_payments_closed_on_weekends(pronet: Policy) -> None:
    payments = pronet.department("payments")
    assert payments is not None
    assert hours_of(payments.hours) == {"mon-fri": "09:00-17:30", "sat-sun": "closed"}
    schedule = pronet.department_schedule("payments")
    assert schedule is not None
    assert schedule.is_open(datetime(2026, 11, 20, 17, 0, tzinfo=BUCHAREST))  # Friday
    assert not schedule.is_open(datetime(2026, 11, 20, 17, 30, tzinfo=BUCHAREST))
    assert not schedule.is_open(datetime(2026, 11, 21, 12, 0, tzinfo=BUCHAREST))  # Saturday


def test_PN_2_technical_and_customer_relations_every_day_9_to_21(pronet: Policy) -> None:
    for slug in ("technical", "customer-relations"):
        department = pronet.department(slug)
        assert department is not None
        assert hours_of(department.hours) == {"mon-sun": "09:00-21:00"}


def test_PN_2_automatic_intake_non_stop(pronet: Policy) -> None:
    assert pronet.intake.rule == "PN-2"
    assert pronet.intake.automatic.is_non_stop


def test_PN_3_cash_desk(pronet: Policy) -> None:
    desk = pronet.channel("in_person")
    assert desk is not None and desk.accepts[:1] == ["complaint"]
    (location,) = desk.locations
    assert location.name.root["ro"] == "Casieria Berceni – Apărătorii Patriei"
    assert location.address.street == "Str. Iriceanu Ion nr. 16, bl. 159, sc. 1, ap. 0"
    assert location.address.note is not None
    assert location.address.note.root["ro"] == "Parter, interfon 00"
    assert hours_of(location.hours) == {"mon-sat": "09:00-21:00", "sun": "closed"}
    assert location.gps is not None
    assert (location.gps.lat, location.gps.lon) == (44.381988, 26.136262)


def test_PN_3_phone_numbers_and_menu(pronet: Policy) -> None:
    phone = pronet.channel("phone")
    assert phone is not None
    assert [(n.number, n.e164) for n in phone.phone_numbers] == [
        ("021.589.41.41", "+40215894141"),
        ("0784.824.599", "+40784824599"),
        ("0726.880.112", "+40726880112"),
    ]
    labels = [n.label.root["ro"] for n in phone.phone_numbers if n.label is not None]
    assert labels == ["Telefon fix", "Telekom", "Vodafone"]
    assert [(m.digit, m.department) for m in phone.menu] == [
        ("1", "technical"),
        ("2", "payments"),
        ("3", "customer-relations"),
    ]


def test_PN_3_email_web_and_customer_account(pronet: Policy) -> None:
    email = pronet.channel("email")
    web = pronet.channel("web")
    portal = pronet.channel("portal")
    assert email is not None and web is not None and portal is not None
    assert {a.email: a.department for a in email.addresses} == {
        "tehnic@pronetit.ro": "technical",
        "clienti@pronetit.ro": "customer-relations",
        "plati@pronetit.ro": "payments",
    }
    assert web.url == "http://www.pronetit.ro/contact.html"
    assert portal.url == "https://clienti.pronetit.ro"


def test_PN_3_every_channel_accepts_complaints_and_requests(pronet: Policy) -> None:
    for channel in pronet.channels:
        assert channel.enabled
        assert {"complaint", "request"} <= set(channel.accepts), channel.kind


def test_PN_4_every_case_registered_and_forwarded(pronet: Policy) -> None:
    # Every channel takes every kind the procedure knows; nothing is queued out of order.
    assert pronet.case_handling.rule == "PN-4"
    assert pronet.case_handling.order == "free"
    for channel in pronet.channels:
        assert set(channel.accepts) == set(pronet.kinds), channel.kind


def test_PN_7_result_through_the_contact_data_given(pronet: Policy) -> None:
    assert pronet.outcome.rule == "PN-7"
    assert pronet.outcome.means == ["email", "phone"]
    assert not pronet.outcome.written_required


def test_PN_5_resolution_within_30_days_of_registration(pronet: Policy) -> None:
    (clock,) = pronet.clocks.resolution
    assert (clock.rule, str(clock.within), clock.from_) == ("PN-5", "30 days", "registered")


def test_PN_6_internal_target_two_working_hours(pronet: Policy) -> None:
    (target,) = pronet.clocks.internal_target
    assert (target.rule, str(target.within), target.from_) == (
        "PN-6",
        "2 working hours",
        "received",
    )
    assert hours_of(target.schedule) == {"mon-sun": "09:00-21:00"}
    assert target.public_holidays == "working"  # the text names no exceptions


def test_PN_8_requests_go_to_customer_relations(pronet: Policy) -> None:
    route = next(r for r in pronet.routing.routes if r.rule == "PN-8")
    assert (route.kinds, route.department) == (["request"], "customer-relations")


def test_PN_9_escalation_to_ancom_anpc_and_court(pronet: Policy) -> None:
    escalation = pronet.escalation
    assert escalation.rule == "PN-9"
    ancom, anpc, court = escalation.bodies
    assert ancom.address is not None
    assert (ancom.address.street, ancom.address.city) == (
        "Str. Delea Nouă nr. 2, sector 3",
        "București",
    )
    assert (ancom.email, ancom.web, ancom.phone, ancom.fax) == (
        "ancom@ancom.org.ro",
        "http://www.ancom.org.ro",
        "0372.845.845",
        "0372.845.402",
    )
    assert (anpc.slug, court.kind) == ("anpc", "court")
    assert "0372.845.845" in escalation.notice.root["ro"]


# --- UNITEL (UN-…) -------------------------------------------------------------------------------


def test_UN_1_phone_complaint_is_a_fault_report(unitel: Policy) -> None:
    phone = unitel.channel("phone")
    assert phone is not None
    assert [n.number for n in phone.phone_numbers] == ["0948 031 942", "0948 879 900"]
    assert "complaint" not in phone.accepts and not phone.written
    treatment = phone.treatment("complaint", "quality")
    assert treatment is not None
    assert (treatment.becomes, treatment.rule) == ("fault_report", "UN-1")
    assert "nepovažuje za reklamáciu" in treatment.notice.root["sk"]


def test_UN_1_written_channels_accept_complaints(unitel: Policy) -> None:
    written = {c.kind for c in unitel.channels if c.written and "complaint" in c.accepts}
    assert written == {"letter", "email", "web", "portal", "api"}


def test_UN_2_rented_equipment_warranty_24_months(unitel: Policy) -> None:
    (warranty,) = unitel.remedies.warranty
    assert (warranty.rule, warranty.equipment, warranty.months) == ("UN-2", "rented", 24)


def test_UN_3_repair_at_home_within_5_days_of_report(unitel: Policy) -> None:
    clock = next(c for c in unitel.clocks.repair if c.rule == "UN-3")
    assert (clock.fault_location, str(clock.within), clock.from_, clock.milestone) == (
        "customer_premises",
        "5 days",
        "received",
        "repair_done",
    )


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


def test_UN_7_billing_complaint_does_not_suspend_payment(unitel: Policy) -> None:
    payment = unitel.remedies.payment_during_complaint
    assert payment is not None
    assert (payment.rule, payment.billing_complaint_suspends_payment) == ("UN-7", False)
    phone = unitel.channel("phone")
    assert phone is not None
    billing = phone.treatment("complaint", "billing")
    assert billing is not None and (billing.becomes, billing.rule) == ("request", "UN-7")


def test_UN_8_quality_filing_window(unitel: Policy) -> None:
    window = next(w for w in unitel.clocks.filing if w.rule == "UN-8")
    assert (window.categories, str(window.within), window.from_) == (
        ["quality"],
        "30 days",
        "defect_discovered",
    )


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


# --- PETROCOMP (PC-…) ----------------------------------------------------------------------------


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


def test_PC_11_filing_within_30_days_of_discovery(petrocomp: Policy) -> None:
    window = next(w for w in petrocomp.clocks.filing if w.rule == "PC-11")
    assert (str(window.within), window.from_) == ("30 days", "defect_discovered")


def test_PC_12_resolution_by_complexity(petrocomp: Policy) -> None:
    periods = {c.complexity: str(c.within) for c in petrocomp.clocks.resolution}
    assert periods == {"simple": "15 days", "technical": "30 days", "partner": "60 days"}
    assert {c.rule for c in petrocomp.clocks.resolution} == {"PC-12"}
    assert petrocomp.clocks.default_complexity == "simple"


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


# --- refused policies ----------------------------------------------------------------------------

PRONET_TEXT = (BUNDLED / "pronet.yaml").read_text(encoding="utf-8")


def line_of(text: str, snippet: str) -> int:
    """1-based line of the first line containing ``snippet``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} not in text")


def problems_of(text: str) -> list[PolicyProblem]:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(text, source="broken.yaml")
    assert caught.value.code == "policy_invalid"
    return caught.value.problems


def edited(old: str, new: str, text: str = PRONET_TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_wrong_type_is_refused_with_line_and_path() -> None:
    text = edited("roll_to_working_day: true", "roll_to_working_day: maybe")
    (problem,) = problems_of(text)
    assert (problem.file, problem.line, problem.path) == (
        "broken.yaml",
        line_of(text, "roll_to_working_day: maybe"),
        "roll_to_working_day",
    )
    assert "true or false" in problem.message


def test_unknown_department_in_a_route() -> None:
    text = edited(
        "{categories: [billing], department: payments}",
        "{categories: [billing], department: billing}",
    )
    (problem,) = problems_of(text)
    assert problem.line == line_of(text, "department: billing}")
    assert problem.path == "routing.routes[2].department"
    assert problem.message.startswith("unknown department 'billing'")
    assert "declared departments: technical, customer-relations, payments" in problem.message


def test_overlapping_hours() -> None:
    text = edited(
        '      mon-fri: "09:00-17:30"\n',
        '      mon-fri: "09:00-17:30"\n      fri: "17:00-19:00"\n',
    )
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, 'fri: "17:00-19:00"'),
        "departments[2].hours.fri",
    )
    assert "overlaps" in problem.message


def test_hours_closing_before_opening() -> None:
    text = edited('mon-sat: "09:00-21:00"', 'mon-sat: "21:00-09:00"')
    (problem,) = problems_of(text)
    assert problem.path == "channels[0].locations[0].hours.mon-sat"
    assert problem.line == line_of(text, '"21:00-09:00"')
    assert "closes before it opens" in problem.message


def test_menu_digit_used_twice() -> None:
    text = edited("{digit: 2, department: payments}", "{digit: 1, department: payments}")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, "{digit: 1, department: payments}"),
        "channels[1].menu[1].digit",
    )
    assert "menu digit 1 is used twice" in problem.message


def test_missing_language_text() -> None:
    # ProNET's texts are in ro and en; declaring en as a public language makes it required.
    text = edited("      en: Payments Department\n", "")
    text = edited("\nlanguages: [ro]\n", "\nlanguages: [ro, en]\n", text)
    text = edited("complaint_languages: [ro]\n", "complaint_languages: [ro, en]\n", text)
    (problem,) = problems_of(text)
    assert problem.path == "departments[2].name"
    assert problem.line == line_of(text, "ro: Departamentul Plăți") - 1
    assert problem.message.startswith("missing text in en")


def test_missing_language_everywhere_is_reported_text_by_text() -> None:
    text = edited("\nlanguages: [ro]\n", "\nlanguages: [ro, hu]\n")
    problems = problems_of(text)
    assert len(problems) > 20
    assert len({p.line for p in problems}) == len(problems)
    assert {"departments[0].name", "escalation.notice", "complaint_language_notice"} <= {
        p.path for p in problems
    }


def test_float_money_is_refused() -> None:
    text = edited(
        "  items: []  # the text names no priced item",
        "  items:\n    - code: trip\n      name: {ro: Deplasare, en: Trip}\n      unit: per_km\n"
        "      amount: 12.5\n",
    )
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, "amount: 12.5"),
        "price_list.items[0].amount",
    )
    assert "quoted decimal string" in problem.message
    good = load_policy_text(edited("amount: 12.5", 'amount: "12.50"', text), source="ok.yaml")
    assert good.price_list.items[0].amount == Decimal("12.50")


def test_bad_time_zone() -> None:
    text = edited("time_zone: Europe/Bucharest", "time_zone: Europe/Bucarest")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "Europe/Bucarest"), "time_zone")
    assert "did you mean 'Europe/Bucharest'" in problem.message


def test_bad_currency_and_country() -> None:
    text = edited("\ncurrency: RON\n", "\ncurrency: lei\n")
    text = edited("country: RO\nt", "country: Romania\nt", text)
    paths = {p.path for p in problems_of(text)}
    assert paths == {"currency", "country"}


def test_yaml_syntax_error_has_a_line() -> None:
    text = edited("  legal_name: ProNET Soluții IT SRL", "  legal_name: [ProNET Soluții IT SRL")
    (problem,) = problems_of(text)
    # The parser stops on the next line; the message points back to where the list began.
    assert problem.line == line_of(text, "legal_name: [ProNET") + 1
    assert problem.message.startswith("YAML syntax error")
    assert f"started on line {line_of(text, 'legal_name: [ProNET')}" in problem.message


def test_yaml_indentation_error_has_a_line() -> None:
    text = edited("  brand: ProNET\n", "   brand: ProNET\n")
    (problem,) = problems_of(text)
    assert problem.line == line_of(text, "   brand: ProNET")
    assert problem.message.startswith("YAML syntax error")


def test_unknown_field_suggests_the_right_one() -> None:
    text = edited("  brand: ProNET\n", "  brand: ProNET\n  brnd: ProNET\n")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "brnd:"), "provider.brnd")
    assert "did you mean 'brand'" in problem.message


def test_missing_field() -> None:
    text = edited("\ncurrency: RON\n", "\n")
    (problem,) = problems_of(text)
    assert problem.path == "currency"
    assert problem.message == "required field 'currency' is missing"


def test_duplicate_key() -> None:
    text = edited("  brand: ProNET\n", "  brand: ProNET\n  brand: Other\n")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "brand: Other"), "provider.brand")
    assert "appears twice" in problem.message


def test_channel_that_neither_accepts_nor_refuses_a_kind() -> None:
    text = edited(
        "    accepts: [complaint, fault_report, request]\n    url: https://clienti",
        "    accepts: [complaint, request]\n    url: https://clienti",
    )
    (problem,) = problems_of(text)
    assert problem.path == "channels[4].refusals"
    assert "neither accepts nor refuses 'fault_report'" in problem.message


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = edited("roll_to_working_day: true", "roll_to_working_day: maybe")
    text = edited("time_zone: Europe/Bucharest", "time_zone: Mars/Olympus", text)
    text = edited("{digit: 2, department: payments}", "{digit: one, department: payments}", text)
    text = edited('      mon-fri: "09:00-17:30"\n', '      mon-fri: "9-17"\n', text)
    paths = {p.path for p in problems_of(text)}
    assert paths == {
        "roll_to_working_day",
        "time_zone",
        "channels[1].menu[1].digit",
        "departments[2].hours.mon-fri",
    }


def test_cross_references_are_all_reported() -> None:
    text = edited(
        "{categories: [billing], department: payments}",
        "{categories: [billing], department: plati}",
    )
    text = edited(
        "{digit: 3, department: customer-relations}", "{digit: 3, department: clients}", text
    )
    text = edited(
        "{email: plati@pronetit.ro, department: payments}",
        "{email: plati@pronetit.ro, department: pay}",
        text,
    )
    paths = {p.path for p in problems_of(text)}
    assert paths == {
        "routing.routes[2].department",
        "channels[1].menu[2].department",
        "channels[2].addresses[2].department",
    }


def test_problem_renders_file_line_and_path() -> None:
    problem = PolicyProblem("x.yaml", 7, "departments[1].hours.sat", "is wrong")
    assert str(problem) == "x.yaml:7: departments[1].hours.sat: is wrong"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_file(tmp_path / "missing.yaml")
    assert "cannot read" in caught.value.problems[0].message
