"""The remedy endpoints (api.md "Remedies"): the contract's figures for UNITEL and PETROCOMP,
a clear 4xx for PRONET (no remedy in its procedure) and for bad input, the token's provider only."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from reclamo.api.remedies import DisputedBillOut, OutageCreditOut
from reclamo.api.tests.conftest import Integration

OUTAGE = "/api/v1/providers/{slug}/remedies/outage-credit"
DISPUTED = "/api/v1/providers/{slug}/remedies/disputed-bill"
SIX = [{"period": f"2026-{m:02d}", "amount": "20.00"} for m in range(5, 11)]


def post(integration: Integration, url: str, body: Any, slug: str | None = None) -> Any:
    return integration.client.post(
        url.format(slug=slug or integration.provider.slug),
        json.dumps(body),
        content_type="application/json",
    )


def outage(**changes: Any) -> dict[str, Any]:
    return {
        "monthly_fee": "20.00",
        "outage_start": "2026-10-31T12:00:00+01:00",
        "outage_end": "2026-11-01T12:00:00+01:00",
        "cause": "provider_equipment",
    } | changes


def disputed(**changes: Any) -> dict[str, Any]:
    return {
        "history": SIX,
        "disputed_amount": "95.00",
        "disputed_period": "2026-11",
        "first_period": "2025-01",
    } | changes


def error(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.content
    found: dict[str, Any] = response.json()["error"]
    return found


@pytest.mark.rule("UN-13")
def test_UN_13_outage_spanning_two_months(unitel: Integration) -> None:
    response = post(unitel, OUTAGE, outage())
    assert response.status_code == 200, response.content
    answer = response.json()
    OutageCreditOut.model_validate(answer)
    assert {key: answer[key] for key in ("amount", "currency", "whole_days", "rules")} == {
        "amount": "0.66",
        "currency": "EUR",
        "whole_days": 1,
        "rules": ["UN-13"],
    }
    assert answer["hours"] == "24.00"
    assert answer["policy"] == {"provider": "unitel", "version": "2020-07-01"}
    assert answer["working"]["result"] == "0.66"
    assert answer["working"]["inputs"]["hours_in_month_1"] == "745"


@pytest.mark.rule("PC-6", "PC-7", "PC-8")
@pytest.mark.parametrize(
    ("cause", "amount", "days", "rules"),
    [
        ("provider_non_technical", "1.50", 3, ["PC-6"]),
        ("provider_equipment", "0.50", 1, ["PC-6", "PC-7"]),
        ("customer", "0.00", 0, ["PC-8"]),
    ],
)
def test_PC_6_PC_7_whole_days(
    petrocomp: Integration, cause: str, amount: str, days: int, rules: list[str]
) -> None:
    body = outage(
        monthly_fee="15.00",
        outage_start="2026-11-29T10:00:00+01:00",
        outage_end="2026-12-02T12:00:00+01:00",
        cause=cause,
    )
    answer = post(petrocomp, OUTAGE, body).json()
    assert (answer["amount"], answer["whole_days"], answer["rules"]) == (amount, days, rules)


@pytest.mark.rule("UN-15", "UN-16")
def test_UN_16_disputed_bill_above_the_threshold(unitel: Integration) -> None:
    response = post(unitel, DISPUTED, disputed())
    assert response.status_code == 200, response.content
    answer = response.json()
    DisputedBillOut.model_validate(answer)
    assert {
        key: answer[key]
        for key in ("average", "threshold", "excess", "deferral_allowed", "min_instalments")
    } == {
        "average": "20.00",
        "threshold": "60.00",
        "excess": "75.00",
        "deferral_allowed": True,
        "min_instalments": 3,
    }
    assert answer["instalments"] == [
        {"due": "2026-12-31", "amount": "25.00"},
        {"due": "2027-01-31", "amount": "25.00"},
        {"due": "2027-02-28", "amount": "25.00"},
    ]


@pytest.mark.rule("UN-16")
def test_UN_16_disputed_amount_exactly_at_the_threshold(unitel: Integration) -> None:
    history = [*SIX[:-1], {"period": "2026-10", "amount": "90.00"}]
    answer = post(unitel, DISPUTED, disputed(history=history)).json()
    assert (answer["threshold"], answer["excess"], answer["deferral_allowed"]) == (
        "95.00",
        "0.00",
        False,
    )
    assert answer["instalments"] == []


@pytest.mark.rule("PC-16")
def test_PC_16_history_of_only_three_months(petrocomp: Integration) -> None:
    body = disputed(
        history=[
            {"period": "2026-08", "amount": "10.00"},
            {"period": "2026-09", "amount": "12.00"},
            {"period": "2026-10", "amount": "14.00"},
        ],
        disputed_amount="50.00",
        first_period="2026-08",
    )
    answer = post(petrocomp, DISPUTED, body).json()
    assert (answer["average"], answer["threshold"], answer["excess"]) == ("12.00", "36.00", "38.00")
    assert [i["amount"] for i in answer["instalments"]] == ["19.00", "19.00"]
    assert answer["min_instalments"] == 2


def test_a_procedure_without_the_remedy_answers_a_clear_422(pronet: Integration) -> None:
    found = error(post(pronet, OUTAGE, outage()))
    assert found["code"] == "remedy_not_offered"
    assert "does not set this remedy" in found["message"]
    assert error(post(pronet, DISPUTED, disputed()))["code"] == "remedy_not_offered"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"monthly_fee": 20.0}, "invalid_amount", "monthly_fee"),
        ({"monthly_fee": "20.001"}, "invalid_amount", "monthly_fee"),
        ({"monthly_fee": "-1.00"}, "invalid_amount", "monthly_fee"),
        ({"outage_start": "2026-10-31T12:00:00"}, "instant_without_offset", "outage_start"),
        ({"outage_end": "2026-10-31T12:00:00+01:00"}, "end_not_after_start", "outage_end"),
        ({"cause": "weather"}, "unknown_value", "cause"),
        ({"currency": "USD"}, "currency_mismatch", "currency"),
    ],
)
def test_bad_outage_input_answers_422_with_the_field(
    unitel: Integration, changes: dict[str, Any], code: str, field: str
) -> None:
    found = error(post(unitel, OUTAGE, outage(**changes)))
    assert (found["code"], found["field"]) == (code, field)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"disputed_period": "2026-13"}, "invalid_period"),
        ({"disputed_amount": 95}, "invalid_amount"),
        ({"first_period": "2026-10", "history": SIX[-1:]}, "history_too_short"),
        ({"history": SIX[1:]}, "history_incomplete"),
        ({"history": [*SIX, SIX[0]]}, "duplicate_period"),
        ({"first_period": "2026-11"}, "first_period_not_before_disputed"),
        ({"first_period": "2026-06"}, "period_before_first"),
        ({"disputed_period": "2019-05", "first_period": "2018-01"}, "no_policy_in_force"),
    ],
)
def test_bad_disputed_bill_input_answers_422(
    unitel: Integration, changes: dict[str, Any], code: str
) -> None:
    found = error(post(unitel, DISPUTED, disputed(**changes)))
    assert found["code"] == code
    assert found["message"]


def test_remedies_need_the_providers_own_token(unitel: Integration, client: Client) -> None:
    assert error(post(unitel, OUTAGE, outage(), slug="petrocomp"), 404)["code"] == (
        "unknown_provider"
    )
    anonymous = client.post(
        OUTAGE.format(slug="unitel"), json.dumps(outage()), content_type="application/json"
    )
    assert anonymous.status_code == 401


def test_remedies_are_documented_in_the_openapi_schema(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (OUTAGE, DISPUTED):
        operation = paths[path.replace("{slug}", "{slug}")]["post"]
        assert operation["security"]
        assert {"200", "401", "404", "422"} <= set(operation["responses"])


def test_errors_are_worded_in_the_requests_language(unitel: Integration) -> None:
    response = unitel.client.post(
        OUTAGE.format(slug="unitel"),
        json.dumps(outage(outage_end="2026-10-31T12:00:00+01:00")),
        content_type="application/json",
        headers={"Accept-Language": "sk"},
    )
    assert error(response)["message"] == "outage_end: výpadok musí skončiť až po svojom začiatku."
