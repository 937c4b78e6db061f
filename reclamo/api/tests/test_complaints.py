"""The register over HTTP: registering (201, refusals, bad input kept in the intake log), one
case with its history, the register's pages, tenant isolation on every route."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reclamo.api.cases import CaseWithEventsOut, RegisterOut, RegistrationOut
from reclamo.api.tests.conftest import CASE, CASES, Integration, submission
from reclamo.complaints.models import Complaint, IntakeRecord

PREVIEW = "/api/v1/providers/{slug}/deadline-preview"


@pytest.mark.rule("T-6")
def test_registering_answers_201_with_the_committed_case_and_the_previews_decision(
    pronet: Integration, client: Client
) -> None:
    body = submission()
    response = pronet.register(body)
    assert response.status_code == 201, response.content
    case = response.json()
    RegistrationOut.model_validate(case)  # the documented 201
    assert case["number"] == "PN-2026-000001"
    assert (case["provider"], case["status"], case["outcome"]) == ("pronet", "registered", None)
    assert (case["kind"], case["treated_as"], case["channel"]) == ("complaint", "complaint", "api")
    assert case["customer"] == {
        "name": "Ana Popescu",
        "email": "ana@example.ro",
        "phone": "",
        "reference": "",
        "language": "ro",
    }
    assert case["received_at"] == "2026-11-20T15:30:00+02:00"  # Bucharest's offset (T-6)
    assert datetime.fromisoformat(case["registered_at"]).utcoffset() == timedelta(hours=2)
    # The decision is the one the preview announces for the same facts; the deadlines are the
    # case's rows (pronet counts from registration, which the preview takes to be the receipt).
    preview = client.post(
        PREVIEW.format(slug="pronet"), json.dumps(body), content_type="application/json"
    ).json()
    for field in ("policy", "accepted", "refusal", "filing", "department"):
        assert case[field] == preview[field], field
    rows = Complaint.objects.get(number=case["number"]).deadlines.all()
    assert rows and {
        clock: datetime.fromisoformat(due) for clock, due in case["deadlines"].items() if due
    } == {row.clock: row.due_at for row in rows}
    # Committed with its answer: the intake record holds the raw body and the very answer sent.
    record = IntakeRecord.objects.get()
    assert record.payload == body and record.source_label == pronet.prefix
    assert (record.outcome, record.response_status) == ("registered", 201)
    assert record.response_body == case
    assert record.complaint == Complaint.objects.get(number=case["number"])


@pytest.mark.rule("PC-2")
def test_a_refused_channel_answers_422_and_stays_in_the_intake_log(petrocomp: Integration) -> None:
    response = petrocomp.register(submission(channel="email"))
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("channel_not_accepted", "channel")
    assert error["message"]
    assert not Complaint.objects.exists()
    record = IntakeRecord.objects.get()
    assert (record.outcome, record.reason_code) == ("refused", "channel_not_accepted")
    assert (record.response_status, record.response_body) == (422, response.json())
    assert record.payload == submission(channel="email")


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"customer": {"email": "ana@example.ro"}}, 422, "missing_field", "customer.name"),
        ({"customer": {"name": "   "}}, 422, "invalid", "customer.name"),
        ({"customer": None}, 422, None, None),
        ({"customer": {"name": "Ana", "language": "de"}}, 422, "unknown_value", None),
        ({"customer": {"name": "Ana", "email": "not an address"}}, 422, "invalid", None),
        ({"received_at": "2026-11-20T15:30:00"}, 422, "instant_without_offset", "received_at"),
        ({"received_at": 1700000000}, 422, "invalid_instant", "received_at"),
        ({"received_at": "1999-01-01T10:00:00+02:00"}, 422, "no_policy_in_force", "received_at"),
        ({"kind": "ticket"}, 422, "unknown_value", "kind"),
        ({"channel": None}, 422, None, "channel"),
        ({"department": "nowhere"}, 422, "unknown_department", None),
        ({"subject": "x" * 301}, 422, "invalid", "subject"),
        ({"subject": "a\x00b"}, 422, "invalid_characters", None),
    ],
)
def test_bad_input_answers_a_4xx_and_is_kept_in_the_intake_log(
    pronet: Integration, change: dict[str, Any], status: int, code: str | None, field: str | None
) -> None:
    response = pronet.register(submission(**change))
    assert response.status_code == status, response.content
    error = response.json()["error"]
    if code is not None:
        assert error["code"] == code
    if field is not None:
        assert error["field"] == field
    assert error["message"]
    assert not Complaint.objects.exists()
    record = IntakeRecord.objects.get()
    assert record.outcome == "failed" and record.reason_code == error["code"]
    assert (record.response_status, record.response_body) == (status, response.json())


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("kind=complaint", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ("{not json", "application/json", 400, "invalid_json"),
        ('{"kind": NaN}', "application/json", 400, "invalid_json"),
        ("[1, 2]", "application/json", 422, "missing_field"),
    ],
)
def test_an_unreadable_body_is_kept_as_text_in_the_intake_log(
    pronet: Integration, body: str, content_type: str, status: int, code: str
) -> None:
    response = pronet.register(body, content_type=content_type)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    record = IntakeRecord.objects.get()
    assert record.payload_text == body or record.payload == json.loads(body)
    assert record.content_type == content_type and record.response_status == status


def test_tenant_isolation_another_providers_slug_or_case_is_a_404(
    pronet: Integration, unitel: Integration
) -> None:
    number = pronet.register(submission()).json()["number"]
    unknown = unitel.register(submission(), slug="nosuch")
    assert unknown.status_code == 404
    foreign = unitel.register(submission(), slug="pronet")
    assert foreign.status_code == 404
    assert foreign.json()["error"]["code"] == unknown.json()["error"]["code"] == "unknown_provider"
    assert unitel.register_page(slug="pronet").status_code == 404
    assert unitel.case(number).status_code == 404
    assert pronet.case(number).status_code == 200
    assert unitel.case("nosuch").json()["error"]["code"] == "unknown_complaint"
    assert Complaint.objects.count() == 1 and IntakeRecord.objects.count() == 1
    anonymous = Client()
    assert anonymous.get(CASE.format(number=number)).status_code == 401
    assert anonymous.get(CASES.format(slug="pronet")).status_code == 401
    assert anonymous.post(CASES.format(slug="pronet"), {}).status_code == 401


def test_the_case_shows_its_registered_event_with_the_token_as_actor(pronet: Integration) -> None:
    registered = pronet.register(submission()).json()
    case = pronet.case(registered["number"]).json()
    CaseWithEventsOut.model_validate(case)
    events = case.pop("events")
    for field in ("number", "deadlines", "received_at", "customer", "status", "department"):
        assert case[field] == registered[field], field
    assert [event["type"] for event in events] == ["registered"]
    event = events[0]
    assert event["actor"] == f"integration:{pronet.prefix}"
    assert event["data"]["after"]["number"] == registered["number"]
    assert datetime.fromisoformat(event["at"]).utcoffset() == timedelta(hours=2)


@pytest.mark.rule("PC-14")
def test_the_register_pages_oldest_first_with_filters_and_cursors(pronet: Integration) -> None:
    for day, kind in [(22, "request"), (20, "complaint"), (21, "complaint")]:
        assert (
            pronet.register(
                submission(received_at=f"2026-11-{day}T10:00:00+02:00", kind=kind)
            ).status_code
            == 201
        )
    page = pronet.register_page(limit=2).json()
    RegisterOut.model_validate(page)
    received = [item["received_at"][:10] for item in page["items"]]
    assert received == ["2026-11-20", "2026-11-21"] and page["next"]
    rest = pronet.register_page(limit=2, cursor=page["next"]).json()
    assert [item["received_at"][:10] for item in rest["items"]] == ["2026-11-22"]
    assert rest["next"] is None
    assert [i["kind"] for i in pronet.register_page(kind="request").json()["items"]] == ["request"]
    between = pronet.register_page(received_from="2026-11-21", received_to="2026-11-21").json()
    assert [item["received_at"][:10] for item in between["items"]] == ["2026-11-21"]
    assert pronet.register_page(status="resolved").json()["items"] == []
    assert pronet.register_page(department="nowhere").json()["items"] == []


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"limit": 501}, "invalid_limit"),
        ({"limit": 0}, "invalid_limit"),
        ({"cursor": "garbage"}, "invalid_cursor"),
        ({"status": "open"}, "unknown_value"),
        ({"received_from": "20261121"}, "invalid_date"),
        ({"department": "a\x00b"}, "invalid"),
    ],
)
def test_bad_register_queries_answer_422(
    pronet: Integration, query: dict[str, Any], code: str
) -> None:
    response = pronet.register_page(**query)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code


def test_the_register_costs_the_same_queries_for_1_and_50_cases(pronet: Integration) -> None:
    def queries(limit: int) -> int:
        pronet.register_page(limit=limit)  # the token's last use is written once a minute
        with CaptureQueriesContext(connection) as captured:
            response = pronet.register_page(limit=limit)
        assert len(response.json()["items"]) == limit
        return len(captured)

    for day in range(50):
        received = f"2026-{10 + day // 28:02d}-{1 + day % 28:02d}T10:00:00+02:00"
        assert pronet.register(submission(received_at=received)).status_code == 201
    assert queries(1) == queries(50) <= 4


@pytest.mark.rule("T-6")
def test_an_offset_any_iso_instant_may_carry_registers_and_is_answered_in_local_time(
    pronet: Integration,
) -> None:
    """ISO 8601 allows offsets up to ±23:59, PostgreSQL stores up to ±15:59: stored in UTC."""
    response = pronet.register(submission(received_at="2026-11-21T12:00:00+23:30"))
    assert response.status_code == 201, response.content
    assert response.json()["received_at"] == "2026-11-20T14:30:00+02:00"
