"""ProNET's procedure as transcribed: each test reads back the values of one rule (PN-…)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.policy import Policy, WeeklyHours, load_policy_file

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"
BRATISLAVA = ZoneInfo("Europe/Bratislava")
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture(scope="module")
def pronet() -> Policy:
    return load_policy_file(BUNDLED / "pronet.yaml")


def hours_of(hours: WeeklyHours | None) -> dict[str, str]:
    assert hours is not None
    return hours.model_dump()


@pytest.mark.rule("PN-1")
def test_PN_1_departments(pronet: Policy) -> None:
    assert pronet.department_slugs == ("technical", "customer-relations", "payments")


@pytest.mark.rule("PN-1")
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


@pytest.mark.rule("PN-2")
def test_PN_2_payments_closed_on_weekends(pronet: Policy) -> None:
    payments = pronet.department("payments")
    assert payments is not None
    assert hours_of(payments.hours) == {"mon-fri": "09:00-17:30", "sat-sun": "closed"}
    schedule = pronet.department_schedule("payments")
    assert schedule is not None
    assert schedule.is_open(datetime(2026, 11, 20, 17, 0, tzinfo=BUCHAREST))  # Friday
    assert not schedule.is_open(datetime(2026, 11, 20, 17, 30, tzinfo=BUCHAREST))
    assert not schedule.is_open(datetime(2026, 11, 21, 12, 0, tzinfo=BUCHAREST))  # Saturday


@pytest.mark.rule("PN-2")
def test_PN_2_technical_and_customer_relations_every_day_9_to_21(pronet: Policy) -> None:
    for slug in ("technical", "customer-relations"):
        department = pronet.department(slug)
        assert department is not None
        assert hours_of(department.hours) == {"mon-sun": "09:00-21:00"}


@pytest.mark.rule("PN-2")
def test_PN_2_automatic_intake_non_stop(pronet: Policy) -> None:
    assert pronet.intake.rule == "PN-2"
    assert pronet.intake.automatic.is_non_stop


@pytest.mark.rule("PN-3")
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


@pytest.mark.rule("PN-3")
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


@pytest.mark.rule("PN-3")
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


@pytest.mark.rule("PN-3")
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


@pytest.mark.rule("PN-5")
def test_PN_5_resolution_within_30_days_of_registration(pronet: Policy) -> None:
    (clock,) = pronet.clocks.resolution
    assert (clock.rule, str(clock.within), clock.from_) == ("PN-5", "30 days", "registered")


@pytest.mark.rule("PN-6")
def test_PN_6_internal_target_two_working_hours(pronet: Policy) -> None:
    (target,) = pronet.clocks.internal_target
    assert (target.rule, str(target.within), target.from_) == (
        "PN-6",
        "2 working hours",
        "received",
    )
    assert hours_of(target.schedule) == {"mon-sun": "09:00-21:00"}
    assert target.public_holidays == "working"  # the text names no exceptions


@pytest.mark.rule("PN-8")
def test_PN_8_requests_go_to_customer_relations(pronet: Policy) -> None:
    route = next(r for r in pronet.routing.routes if r.rule == "PN-8")
    assert (route.kinds, route.department) == (["request"], "customer-relations")


@pytest.mark.rule("PN-9")
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
