"""GET /api/v1/providers/{slug}/reports/quality (api.md "Quality reports"), its CSV and PDF,
and the inputs endpoint."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client

from reclamo.api.tests.conftest import Integration
from reclamo.providers.models import ProviderEvent
from reclamo.reporting.models import ReportInput
from reclamo.reporting.tests.conftest import case_create, local

QUALITY = "/api/v1/providers/{slug}/reports/quality"


@pytest.fixture
def pronet_api(bundled_providers):  # type: ignore[no-untyped-def]
    return Integration(bundled_providers["pronet"])


def test_the_answer_has_the_shape_of_api_md(pronet_api) -> None:  # type: ignore[no-untyped-def]
    provider = pronet_api.provider
    received = local(2026, 7, 1, 9)
    case_create(
        provider,
        received_at=received,
        statement_sent_at=received + timedelta(hours=30),
        resolution_due=received + timedelta(days=30),
    )
    case_create(
        provider,
        received_at=received,
        kind="fault_report",
        treated_as="fault_report",
        department="technical",
        fault_validity="valid",
        service_restored_at=received + timedelta(hours=20),
    )
    answer = pronet_api.client.get(
        QUALITY.format(slug="pronet"), {"from": "2026-07-01", "to": "2026-09-30"}
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["period"] == {"from": "2026-07-01", "to": "2026-09-30"}
    assert body["complaints"] == {
        "received": 1,
        "resolved": 1,
        "resolution_hours": {"p20": 30.0, "p50": 30.0, "p80": 30.0, "p95": 30.0},
        "within_term_share": "1.00",
    }
    assert body["fault_reports"]["received"] == 1
    assert body["fault_reports"]["valid"] == 1
    assert body["fault_reports"]["repair_hours"] == {"p80": 20.0, "p95": 20.0}
    assert body["billing_complaints"]["received"] == 0
    assert [d["department"] for d in body["departments"]] == ["commercial", "technical"]


def test_an_empty_period_answers_nulls(pronet_api) -> None:  # type: ignore[no-untyped-def]
    body = pronet_api.client.get(
        QUALITY.format(slug="pronet"), {"from": "2026-01-01", "to": "2026-01-31"}
    ).json()
    assert body["complaints"]["resolution_hours"] == dict.fromkeys(("p20", "p50", "p80", "p95"))
    assert body["complaints"]["within_term_share"] is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"from": "2026-07-01", "to": "2026-06-30"}, "period_reversed"),
        ({"from": "2020-01-01", "to": "2026-06-30"}, "period_too_long"),
        ({"from": "2026-7-1", "to": "2026-09-30"}, "invalid_date"),
        ({"from": "2026-07-01"}, "missing_field"),
    ],
)
def test_bad_periods_are_422(pronet_api, query, code) -> None:  # type: ignore[no-untyped-def]
    answer = pronet_api.client.get(QUALITY.format(slug="pronet"), query)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == code


@pytest.mark.parametrize("export", ["", ".csv", ".pdf"])
@pytest.mark.parametrize(
    "period",
    [("0001-01-01", "0001-03-31"), ("9999-10-01", "9999-12-31"), ("0001-01-01", "0001-01-01")],
)
def test_periods_at_the_ends_of_the_calendar_are_422_not_500(pronet_api, export, period) -> None:  # type: ignore[no-untyped-def]
    # Found by the schemathesis run: the exports turned year 1 into a 500.
    answer = pronet_api.client.get(
        QUALITY.format(slug="pronet") + export, {"from": period[0], "to": period[1]}
    )
    assert answer.status_code == 422, answer.content
    assert answer.json()["error"]["code"] == "out_of_range"


def test_another_provider_is_404_and_no_token_401(pronet_api) -> None:  # type: ignore[no-untyped-def]
    query = {"from": "2026-07-01", "to": "2026-09-30"}
    assert pronet_api.client.get(QUALITY.format(slug="unitel"), query).status_code == 404
    assert Client().get(QUALITY.format(slug="pronet"), query).status_code == 401


def test_csv_and_pdf_exports(pronet_api) -> None:  # type: ignore[no-untyped-def]
    received = local(2026, 7, 1, 9)
    case_create(
        pronet_api.provider, received_at=received, statement_sent_at=received + timedelta(hours=30)
    )
    query = {"from": "2026-07-01", "to": "2026-09-30"}
    answer = pronet_api.client.get(QUALITY.format(slug="pronet") + ".csv", query)
    assert answer.status_code == 200
    lines = answer.content.decode().splitlines()
    assert lines[0] == "period_from,period_to,department,indicator,value,label"
    assert "2026-07-01,2026-09-30,,resolution_p80,30.0," in "\n".join(lines)
    assert 'filename="quality-pronet-2026-Q3.csv"' in answer["Content-Disposition"]
    pdf = pronet_api.client.get(QUALITY.format(slug="pronet") + ".pdf", query)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_inputs_are_imported_all_or_nothing(pronet_api) -> None:  # type: ignore[no-untyped-def]
    url = "/api/v1/providers/pronet/reports/inputs"
    good = {
        "items": [
            {"month": "2026-07", "measure": "active_lines", "service": "internet", "value": 1000},
            {"month": "2026-07", "measure": "bills_issued", "value": 900},
        ]
    }
    answer = pronet_api.client.post(url, json.dumps(good), content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"imported": 2}
    bad = {
        "items": [
            {"month": "2026-08", "measure": "active_lines", "service": "internet", "value": 1},
            {"month": "2026-13", "measure": "lines", "value": -1},
        ]
    }
    answer = pronet_api.client.post(url, json.dumps(bad), content_type="application/json")
    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert "items[1]: month:" in message and "items[1]: measure:" in message
    assert ReportInput.objects.count() == 2
    # The import is in the provider's history, under the token that sent it; the refused
    # request left no entry.
    events = ProviderEvent.objects.filter(type="report_inputs_imported")
    assert [(e.actor, e.data) for e in events] == [
        (
            pronet_api.prefix,
            {
                "source": f"api:{pronet_api.prefix}",
                "figures": 2,
                "months": ["2026-07"],
                "measures": ["active_lines", "bills_issued"],
            },
        )
    ]


def test_openapi_documents_the_reports(pronet_api) -> None:  # type: ignore[no-untyped-def]
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/providers/{slug}/reports/quality" in paths
    parameters = paths["/api/v1/providers/{slug}/reports/quality"]["get"]["parameters"]
    assert {"from", "to"} <= {p["name"] for p in parameters}
