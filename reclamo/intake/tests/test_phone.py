"""The phone channel: `POST …/calls` from a phone system and the operator's call form in the
console, both through reclamo.intake.phone (E.164, customer matching, PN-3, UN-1, UN-7)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.customers.models import Customer
from reclamo.domain.calendar import get_zone
from reclamo.intake.tests.conftest import MailServer
from reclamo.letters.sms import LocmemBackend
from reclamo.providers.models import Provider


def _call(**changes: Any) -> dict[str, Any]:
    started = (timezone.now() - timedelta(minutes=5)).astimezone(get_zone("Europe/Bucharest"))
    body: dict[str, Any] = {
        "caller": "0721 234 567",
        "menu_digit": "2",
        "started_at": started.isoformat(timespec="seconds"),
        "kind": "complaint",
        "note": "Factura din noiembrie e dublă.",
    }
    body.update(changes)
    return body


@pytest.fixture(autouse=True)
def _sms_outbox() -> None:
    LocmemBackend.outbox.clear()


@pytest.mark.rule("PN-3")
def test_a_call_registers_a_case_for_the_menu_department_with_the_caller_as_customer(
    pronet_mail: MailServer,
) -> None:
    response = pronet_mail.call(_call())
    assert response.status_code == 201, response.content
    case = response.json()
    assert case["number"].startswith("PN-")
    assert (case["channel"], case["kind"], case["treated_as"]) == (
        "phone",
        "complaint",
        "complaint",
    )
    assert case["department"] == "payments"  # menu 2 → Payments (PN-3)
    assert case["customer"]["phone"] == "+40721234567"  # E.164 in Romania
    assert case["deadlines"]["resolution"] and case["deadlines"]["internal_target"]
    assert case["notice"] is None
    stored = Complaint.objects.get(number=case["number"])
    assert stored.customer == Customer.objects.get(phone="+40721234567")
    record = IntakeRecord.objects.get()
    assert (record.channel, record.outcome, record.complaint) == ("phone", "registered", stored)
    # No email address: the acknowledgement left as a text message to the caller.
    assert [message.to for message in LocmemBackend.outbox] == ["+40721234567"]


@pytest.mark.rule("PN-3")
@pytest.mark.parametrize(("digit", "department"), [("1", "technical"), ("3", "customer-relations")])
def test_each_menu_digit_leads_to_its_department(
    pronet_mail: MailServer, digit: str, department: str
) -> None:
    response = pronet_mail.call(_call(menu_digit=digit, category="other"))
    assert response.json()["department"] == department


def test_a_digit_the_menu_does_not_have_is_routed_by_the_policy(pronet_mail: MailServer) -> None:
    response = pronet_mail.call(_call(menu_digit="9", category="billing"))
    assert response.status_code == 201 and response.json()["department"] == "payments"  # PN-1


def test_a_known_caller_is_matched_to_their_customer_record(
    pronet_mail: MailServer, bundled_providers: dict[str, Provider]
) -> None:
    known = Customer.objects.create(
        provider=bundled_providers["pronet"],
        name="Ion Ionescu",
        email="ion@example.ro",
        phone="+40721234567",
        language="ro",
    )
    response = pronet_mail.call(_call(caller="+40 721 234 567"))
    case = response.json()
    assert (
        case["customer"]["name"] == "Ion Ionescu" and case["customer"]["email"] == "ion@example.ro"
    )
    assert Complaint.objects.get(number=case["number"]).customer == known
    assert Customer.objects.count() == 1


@pytest.mark.rule("UN-1")
def test_unitel_a_phone_complaint_about_quality_is_a_fault_report_with_the_written_way(
    unitel_mail: MailServer,
) -> None:
    response = unitel_mail.call(
        _call(
            caller="0948 123 456",
            menu_digit=None,
            category="quality",
            fault_location="customer_premises",
            note="Nejde internet.",
        )
    )
    assert response.status_code == 201, response.content
    case = response.json()
    assert (case["kind"], case["treated_as"]) == ("complaint", "fault_report")
    assert case["customer"]["phone"] == "+421948123456"  # read in Slovakia
    assert case["notice"]["rule"] == "UN-1" and "30" in case["notice"]["message"]
    assert case["department"] == "technical"
    assert case["deadlines"]["repair"] is not None  # UN-3: 5 days, from the report


@pytest.mark.rule("UN-7")
def test_unitel_a_phone_complaint_about_billing_is_a_request_with_the_written_way(
    unitel_mail: MailServer,
) -> None:
    response = unitel_mail.call(_call(caller="0948123456", menu_digit=None, category="billing"))
    case = response.json()
    assert (case["kind"], case["treated_as"]) == ("complaint", "request")
    assert case["notice"]["rule"] == "UN-7"
    assert case["department"] == "customer-service"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"caller": "12"}, "invalid_phone"),
        ({"started_at": "2026-11-20T10:00:00"}, "instant_without_offset"),
        ({"kind": "discount_claim"}, None),
        ({"menu_digit": "12"}, None),
        ({"caller": ""}, None),
    ],
)
def test_bad_call_records_answer_422_and_are_kept(
    pronet_mail: MailServer, changes: dict[str, Any], code: str | None
) -> None:
    response = pronet_mail.call(_call(**changes))
    assert response.status_code == 422, response.content
    if code is not None:
        assert response.json()["error"]["code"] == code
    record = IntakeRecord.objects.get()
    assert record.outcome == "failed" and record.payload is not None
    assert Complaint.objects.count() == 0


def test_unknown_provider_and_another_providers_token_answer_404(pronet_mail: MailServer) -> None:
    assert pronet_mail.call(_call(), slug="nosuch").status_code == 404
    assert pronet_mail.call(_call(), slug="unitel").status_code == 404
    assert Complaint.objects.count() == 0


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=st.dictionaries(
        st.sampled_from(["caller", "menu_digit", "started_at", "kind", "note", "category"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans()),
    )
)
def test_no_call_record_gets_a_server_error(pronet_mail: MailServer, body: dict[str, Any]) -> None:
    response = pronet_mail.call({**_call(), **body})
    assert response.status_code < 500


def _staff(**fields: Any) -> Any:
    return ProviderStaffFactory(**fields)


def _local(minutes_ago: int, zone: str = "Europe/Bucharest") -> str:
    at = timezone.now() - timedelta(minutes=minutes_ago)
    return at.astimezone(get_zone(zone)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.rule("PN-3")
def test_the_operator_form_registers_a_call(
    client: Client, bundled_providers: dict[str, Provider]
) -> None:
    client.force_login(_staff(provider=bundled_providers["pronet"]))
    url = reverse("console:call_new", kwargs={"slug": "pronet"})
    page = client.get(url)
    assert page.status_code == 200 and b'name="menu_digit"' in page.content
    response = client.post(
        url,
        {
            "caller": "0721 234 567",
            "started_at": _local(10),
            "menu_digit": "1",
            "kind": "fault_report",
            "note": "Nu merge internetul.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    case = Complaint.objects.get()
    assert response["Location"].endswith(f"/cases/{case.number}/")
    assert (case.channel, case.department, case.customer_phone) == (
        "phone",
        "technical",
        "+40721234567",
    )
    assert case.created_by_type == "staff"
    assert IntakeRecord.objects.get().complaint == case


@pytest.mark.rule("UN-1")
def test_the_operator_is_shown_what_to_tell_a_unitel_caller(
    client: Client, bundled_providers: dict[str, Provider]
) -> None:
    client.force_login(_staff(provider=bundled_providers["unitel"]))
    url = reverse("console:call_new", kwargs={"slug": "unitel"})
    response = client.post(
        url,
        {
            "caller": "0948 123 456",
            "started_at": _local(10, "Europe/Bratislava"),
            "kind": "complaint",
            "category": "quality",
            "note": "Nejde internet.",
        },
        follow=True,
    )
    case = Complaint.objects.get()
    assert case.treated_as == "fault_report"
    shown = [str(message) for message in response.context["messages"]]
    assert any("30" in text for text in shown)  # the written way to complain (UN-1)


def test_the_operator_form_refuses_a_bad_number_and_keeps_the_record(
    client: Client, bundled_providers: dict[str, Provider]
) -> None:
    client.force_login(_staff(provider=bundled_providers["pronet"]))
    url = reverse("console:call_new", kwargs={"slug": "pronet"})
    response = client.post(
        url, {"caller": "12", "started_at": _local(5), "kind": "request", "note": "?"}
    )
    assert response.status_code == 422
    assert "caller" in response.context["form"].errors
    assert IntakeRecord.objects.get().outcome == "failed"
    assert Complaint.objects.count() == 0


def test_another_providers_staff_get_404(
    client: Client, bundled_providers: dict[str, Provider]
) -> None:
    client.force_login(_staff(provider=bundled_providers["unitel"]))
    response = client.get(reverse("console:call_new", kwargs={"slug": "pronet"}))
    assert response.status_code == 404


def test_the_calls_endpoint_is_in_the_schema(client: Client) -> None:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    assert "/api/v1/providers/{slug}/calls" in schema["paths"]
    assert "/api/v1/providers/{slug}/inbound-email" in schema["paths"]
