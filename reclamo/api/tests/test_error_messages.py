"""Error messages are chosen by code from one table and follow the reader's language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from reclamo.domain.errors import DomainError
from reclamo.error_messages import MESSAGES, error_message, error_text

SLOVAK = "received_at: %(value)s nemá posun od UTC; pošlite čas s posunom."


@pytest.fixture
def slovak_catalog(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A Slovak translation of one message, as the translators will add it to django.po."""
    catalog = trans_real.translation("sk")._catalog._catalogs[0]  # type: ignore[attr-defined]
    monkeypatch.setitem(catalog, MESSAGES["instant_without_offset"], SLOVAK)
    yield


def test_a_known_code_is_worded_from_the_table_with_its_field_and_params() -> None:
    error = DomainError(
        "x is after received_at.",
        field="fault_started_at",
        code="after_received",
    )
    assert error_message(error) == (
        "fault_started_at is after the case was received; "
        "a case cannot be received before it happened."
    )
    error = DomainError(
        "Unknown department 'sales'.",
        field="department",
        code="unknown_department",
        params={"value": "'sales'", "expected": "billing, technical"},
    )
    assert error_message(error) == (
        "'sales' is not a department of this provider; use one of billing, technical."
    )


def test_an_unknown_code_or_a_missing_param_keeps_the_domains_english_message() -> None:
    assert error_text("brand_new_rule", default="As the domain says.") == "As the domain says."
    # unknown_department names the departments: without them the domain's own text is better.
    error = DomainError("Unknown department 'x'.", field="department", code="unknown_department")
    assert error_message(error) == "Unknown department 'x'."


def test_domain_error_params_are_optional_and_read_only() -> None:
    assert DomainError("Plain.").params == {}
    error = DomainError("With.", params={"limit": 30})
    with pytest.raises(TypeError):
        error.params["limit"] = 31  # type: ignore[index]


def test_an_application_error_is_worded_the_same_way() -> None:
    @dataclass
    class ServiceRefusal:  # the shape of ApplicationError(code, message, field)
        code: str
        message: str
        field: str | None

    assert error_message(ServiceRefusal("missing_field", "x", "subject")) == (
        "subject: this field is required."
    )


def test_the_message_goes_through_the_active_language(slovak_catalog: None) -> None:
    with translation.override("sk"):
        slovak = error_text(
            "instant_without_offset", default="-", field="received_at", params={"value": "'x'"}
        )
    with translation.override("en"):
        english = error_text(
            "instant_without_offset", default="-", field="received_at", params={"value": "'x'"}
        )
    assert slovak == "received_at: 'x' nemá posun od UTC; pošlite čas s posunom."
    assert english.startswith("received_at: 'x' has no UTC offset")


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("language", "expected"),
    [("sk", "nemá posun od UTC"), ("en", "has no UTC offset"), ("hu", "hiányzik az UTC-eltolás")],
)
def test_the_api_answers_in_the_accept_language(
    client: Any, bundled_providers: Any, slovak_catalog: None, language: str, expected: str
) -> None:
    response = client.post(
        "/api/v1/providers/pronet/deadline-preview",
        json.dumps({"kind": "complaint", "channel": "web", "received_at": "2026-11-20T10:00"}),
        content_type="application/json",
        headers={"Accept-Language": language},
    )
    error = response.json()["error"]
    assert error["code"] == "instant_without_offset"
    assert expected in error["message"]


def test_the_calculator_shows_a_domain_refusal_worded_from_the_table(
    client: Any, bundled_providers: Any
) -> None:
    response = client.post(
        "/en/p/unitel/deadlines/",
        {
            "kind": "fault_report",
            "channel": "phone",
            "category": "quality",
            "received_at": "2026-11-20T10:00",
            "fault_started_at": "2026-11-21T10:00",
        },
    )
    assert response.status_code == 200
    assert "is after the case was received; a case cannot be received before it happened." in (
        response.content.decode()
    )
