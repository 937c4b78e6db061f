"""Instants are ISO 8601 strings with an offset, dates YYYY-MM-DD; nothing else (T-6)."""

from __future__ import annotations

import json
from typing import Any

import pytest

PREVIEW = "/api/v1/providers/pronet/deadline-preview"
CASE = {"kind": "complaint", "channel": "web", "received_at": "2026-11-20T10:00:00+02:00"}


def _preview(client: Any, **fields: Any) -> Any:
    return client.post(PREVIEW, json.dumps(CASE | fields), content_type="application/json")


def _error(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.content
    error: dict[str, Any] = response.json()["error"]
    return error


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1700000000, "invalid_instant"),  # Unix time as a number
        ("1700000000", "invalid_instant"),  # … and as a string
        (-1, "invalid_instant"),
        ("20271231", "invalid_instant"),  # was read as a Unix time in 1970
        ("2026-11-20", "invalid_instant"),  # a date is not an instant
        ("2026-11-20 10:00:00+01:00", "invalid_instant"),
        ("2026-11-20T10:00:00+0100", "invalid_instant"),
        ("2026-02-30T10:00:00+01:00", "invalid_instant"),
        ("2026-11-20T10:00:00+24:00", "invalid_instant"),
        (True, "invalid_instant"),
        ({"at": "2026-11-20T10:00:00Z"}, "invalid_instant"),
        ("2026-11-20T10:00:00", "instant_without_offset"),
        ("0001-01-01T00:30:00+01:00", "out_of_range"),  # before year 1 in UTC
        ("9999-12-31T23:30:00-01:00", "out_of_range"),  # after year 9999 in UTC
    ],
)
def test_received_at_takes_only_an_iso_instant_with_its_offset(
    client: Any, bundled_providers: Any, value: object, code: str
) -> None:
    error = _error(_preview(client, received_at=value))
    assert error["code"] == code
    assert error["field"] == "received_at"
    assert "received_at" in error["message"]


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    "value", ["2026-11-20T10:00:00Z", "2026-11-20T10:00+01:00", "2026-11-20T10:00:00.25-05:00"]
)
def test_iso_instants_with_an_offset_are_accepted(
    client: Any, bundled_providers: Any, value: str
) -> None:
    assert _preview(client, received_at=value).status_code == 200


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("defect_discovered_at", "20270310", "invalid_date"),  # gave a wrong filing verdict
        ("defect_discovered_at", 20270310, "invalid_date"),
        ("defect_discovered_at", "2026-11-19T10:00:00", "instant_without_offset"),
        ("invoice_delivered_at", "2026-02-30", "invalid_date"),
        ("invoice_delivered_at", "2026-11-19T10:00:00+01:00", "invalid_date"),
        ("invoice_delivered_at", "19.11.2026", "invalid_date"),
        ("fault_started_at", 1700000000, "invalid_instant"),
        ("service_restored_at", "2026-11-19", "invalid_instant"),
    ],
)
def test_other_instants_and_dates_are_as_strict(
    client: Any, bundled_providers: Any, field: str, value: object, code: str
) -> None:
    error = _error(_preview(client, **{field: value}))
    assert (error["code"], error["field"]) == (code, field)


@pytest.mark.rule("T-6")
def test_defect_discovered_at_takes_a_date_or_an_instant(
    client: Any, bundled_providers: Any
) -> None:
    assert _preview(client, defect_discovered_at="2026-11-19").status_code == 200
    assert _preview(client, defect_discovered_at="2026-11-19T08:00:00+02:00").status_code == 200


@pytest.mark.django_db
def test_the_openapi_schema_describes_instants_and_dates_as_strings_with_examples(
    client: Any,
) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    fields = schemas["DeadlinePreviewIn"]["properties"]
    received = fields["received_at"]
    assert (received["type"], received["format"]) == ("string", "date-time")
    assert received["examples"] == ["2026-11-20T10:00:00+01:00"]
    delivered = fields["invoice_delivered_at"]["anyOf"][0]
    assert (delivered["type"], delivered["format"]) == ("string", "date")
    discovered = fields["defect_discovered_at"]["anyOf"][0]["anyOf"]
    assert {part["format"] for part in discovered} == {"date", "date-time"}
