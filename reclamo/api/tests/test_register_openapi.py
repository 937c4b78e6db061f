"""The register's operations in the OpenAPI schema: their answers, their errors, their body."""

from __future__ import annotations

from typing import Any

import pytest

from reclamo.api.v1 import api


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def _responses(schema: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation = schema["paths"][f"/api/v1{path}"][method]
    return {str(status): answer for status, answer in operation["responses"].items()}


def _ref(answer: dict[str, Any]) -> str:
    return str(answer["content"]["application/json"]["schema"]["$ref"]).rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    ("method", "path", "success", "model", "errors"),
    [
        (
            "post",
            "/providers/{slug}/complaints",
            "201",
            "RegistrationOut",
            {"400", "401", "404", "409", "413", "415", "422"},
        ),
        ("get", "/providers/{slug}/complaints", "200", "RegisterOut", {"401", "404", "422"}),
        ("get", "/complaints/{number}", "200", "CaseWithEventsOut", {"401", "404"}),
    ],
)
def test_the_register_operations_document_their_answer_and_every_error(
    schema: dict[str, Any], method: str, path: str, success: str, model: str, errors: set[str]
) -> None:
    responses = _responses(schema, method, path)
    assert _ref(responses[success]) == model
    assert errors <= set(responses)
    for status in errors:
        assert _ref(responses[status]) == "ErrorOut", status


def test_registering_documents_its_body_the_key_and_the_replay_headers(
    schema: dict[str, Any],
) -> None:
    operation = schema["paths"]["/api/v1/providers/{slug}/complaints"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/RegistrationIn")
    registration = schema["components"]["schemas"]["RegistrationIn"]
    assert {"kind", "channel", "received_at", "customer"} <= set(registration["required"])
    customer = schema["components"]["schemas"]["CustomerIn"]
    assert customer["required"] == ["name"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in operation["parameters"]]
    responses = _responses(schema, "post", "/providers/{slug}/complaints")
    assert "Idempotent-Replayed" in responses["201"]["headers"]
    assert "Retry-After" in responses["409"]["headers"]
