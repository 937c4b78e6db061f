"""POST /api/v1/providers/{slug}/deadline-preview, exactly as api.md specifies."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reclamo.domain.vocabulary import CLOCKS
from reclamo.providers.models import PolicyVersion, Provider


def _preview(client, slug: str, language: str = "en", **fields: Any):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/providers/{slug}/deadline-preview",
        json.dumps(fields),
        content_type="application/json",
        headers={"Accept-Language": language},
    )


@pytest.mark.rule("PC-11", "PC-12", "PC-13", "T-2")
def test_PC_12_PC_13_the_api_md_example_for_petrocomp(client, bundled_providers) -> None:
    response = _preview(
        client,
        "petrocomp",
        kind="complaint",
        category="quality",
        channel="letter",
        received_at="2026-11-20T10:00:00+01:00",
        complexity="technical",
        defect_discovered_at="2026-11-20",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["policy"] == {"provider": "petrocomp", "version": "2015-01-01"}
    assert body["accepted"] is True and body["refusal"] is None
    assert body["treated_as"] == "complaint"
    assert body["department"] == "technical"
    assert body["filing"]["last_day"] == "2026-12-20"  # PC-11
    assert body["filing"]["in_time"] is True
    # T-2: the Sunday last day still leaves the customer Monday (an extension of the contract).
    assert body["filing"]["rolled_to"] == "2026-12-21"
    assert body["deadlines"] == {
        "internal_target": None,
        "resolution": "2026-12-21T23:59:59+01:00",  # PC-12: 30 days, Sunday rolled (T-2)
        "resolution_extended_max": None,
        "deemed_upheld": "2027-01-19T23:59:59+01:00",  # PC-13: 60 days
        "repair": None,
    }
    assert set(body["rules"]) >= {"PC-11", "PC-12", "PC-13"}


@pytest.mark.rule("PC-2")
def test_PC_2_an_email_complaint_is_refused_naming_the_accepted_channels(
    client, bundled_providers
) -> None:
    response = _preview(
        client,
        "petrocomp",
        "sk",
        kind="complaint",
        channel="email",
        received_at="2026-11-20T10:00:00+01:00",
    )
    body = response.json()
    assert response.status_code == 200
    assert body["accepted"] is False
    assert body["refusal"]["code"] == "channel_not_accepted"
    assert "PC-2" in body["rules"]
    assert all(value is None for value in body["deadlines"].values())
    # The message is in the requested language and names the channels that do accept complaints.
    assert "List" in body["refusal"]["message"]


@pytest.mark.rule("UN-1")
def test_UN_1_a_phone_complaint_is_treated_as_a_fault_report(client, bundled_providers) -> None:
    body = _preview(
        client,
        "unitel",
        "hu",
        kind="complaint",
        channel="phone",
        category="quality",
        received_at="2026-11-20T10:00:00+01:00",
    ).json()
    assert body["accepted"] is True
    assert body["treated_as"] == "fault_report"
    assert "UN-1" in body["rules"]
    assert "panasz" in body["notice"]["message"]


@pytest.mark.rule("PN-6", "T-6")
def test_PN_6_internal_target_is_answered_in_the_providers_local_offset(
    client, bundled_providers
) -> None:
    body = _preview(
        client,
        "pronet",
        "ro",
        kind="complaint",
        channel="web",
        category="quality",
        received_at="2026-11-20T18:30:00Z",  # 20:30 in Bucharest
    ).json()
    assert body["deadlines"]["internal_target"] == "2026-11-21T10:30:00+02:00"
    assert body["department"] == "technical"  # PN-1: quality → Technical


def test_an_unknown_provider_is_404_with_the_error_shape(client, db) -> None:
    response = _preview(
        client, "nobody", kind="complaint", channel="web", received_at="2026-11-20T10:00:00Z"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_provider"


def test_an_instant_without_offset_is_refused_naming_the_field(client, bundled_providers) -> None:
    response = _preview(
        client, "pronet", kind="complaint", channel="web", received_at="2026-11-20T10:00:00"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "instant_without_offset"
    assert error["field"] == "received_at"
    assert "offset" in error["message"]


def test_an_unknown_value_is_refused_listing_the_known_ones(client, bundled_providers) -> None:
    response = _preview(
        client, "pronet", kind="complain", channel="web", received_at="2026-11-20T10:00:00Z"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_value" and error["field"] == "kind"
    assert "fault_report" in error["message"]


def test_an_unknown_department_is_refused(client, bundled_providers) -> None:
    response = _preview(
        client,
        "pronet",
        kind="complaint",
        channel="web",
        department="marketing",
        received_at="2026-11-20T10:00:00Z",
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "department"


def test_malformed_json_is_a_4xx_not_a_500(client, bundled_providers) -> None:
    response = client.post(
        "/api/v1/providers/pronet/deadline-preview", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_the_preview_saves_nothing(client, bundled_providers) -> None:
    before = (Provider.objects.count(), PolicyVersion.objects.count())
    _preview(client, "pronet", kind="complaint", channel="web", received_at="2026-11-20T10:00:00Z")
    assert (Provider.objects.count(), PolicyVersion.objects.count()) == before


@pytest.mark.django_db
def test_the_endpoint_is_in_the_openapi_schema(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/providers/{slug}/deadline-preview" in paths


@pytest.mark.django_db
def test_the_deadlines_object_names_every_clock_of_the_vocabulary(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["DeadlinesOut"]
    assert schema["required"] == list(CLOCKS)
    for clock in CLOCKS:
        assert {"type": "null"} in schema["properties"][clock]["anyOf"]


def test_a_refused_case_answers_every_clock_as_null(client, bundled_providers) -> None:
    response = _preview(
        client,
        "petrocomp",
        kind="complaint",
        category="quality",
        channel="email",
        received_at="2026-11-20T10:00:00+01:00",
    )
    assert response.status_code == 200
    assert response.json()["deadlines"] == dict.fromkeys(CLOCKS)
