"""Every error answered under /api/ has one shape: {"error": {"code", "message", "field"}}."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import pytest
from django.http import HttpResponse, HttpResponseServerError
from django.test import Client, RequestFactory, override_settings

from reclamo.api.middleware import ApiErrorShapeMiddleware
from reclamo.domain.errors import DomainError

PREVIEW = "/api/v1/providers/pronet/deadline-preview"
CASE = {"kind": "complaint", "channel": "web", "received_at": "2026-11-20T10:00:00+02:00"}


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert set(error) >= {"code", "message", "field"} and error["message"]
    return error


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v2/", "/api/", "/api/v1/me/"])
def test_an_unknown_path_is_a_json_404(client: Any, path: str) -> None:
    assert _error(client.get(path), 404)["code"] == "not_found"


@pytest.mark.django_db
def test_a_page_outside_the_api_keeps_its_html_404(client: Any) -> None:
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_a_wrong_method_is_a_json_405_naming_the_allowed_one(client: Any) -> None:
    response = client.get(PREVIEW)
    error = _error(response, 405)
    assert error["code"] == "method_not_allowed"
    assert response["Allow"] == "POST" and "POST" in error["message"]


def test_a_body_that_is_not_json_is_415(client: Any, bundled_providers: Any) -> None:
    response = client.post(PREVIEW, "kind=complaint&channel=web", content_type="text/plain")
    assert _error(response, 415)["code"] == "unsupported_media_type"
    form = client.post(PREVIEW, CASE)  # a form post (multipart)
    assert _error(form, 415)["code"] == "unsupported_media_type"


def test_json_with_a_json_suffix_type_is_read(client: Any, bundled_providers: Any) -> None:
    response = client.post(PREVIEW, json.dumps(CASE), content_type="application/merge-patch+json")
    assert response.status_code == 200


@pytest.mark.parametrize("body", ["{not json", '{"kind": ', "[" * 100_000, b"\xff\xfe{}"])
def test_invalid_json_is_a_400_with_the_shape(
    client: Any, bundled_providers: Any, body: str | bytes
) -> None:
    response = client.post(PREVIEW, body, content_type="application/json")
    assert _error(response, 400)["code"] == "invalid_json"


def test_json_that_is_not_an_object_is_a_422(client: Any, bundled_providers: Any) -> None:
    response = client.post(PREVIEW, "[1, 2]", content_type="application/json")
    _error(response, 422)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_is_a_json_413(client: Any, bundled_providers: Any) -> None:
    body = json.dumps(CASE | {"department": "x" * 2000})
    assert _error(client.post(PREVIEW, body, content_type="application/json"), 413)["code"] == (
        "request_too_large"
    )


def test_a_server_error_in_an_operation_is_a_logged_json_500(
    bundled_providers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with mock.patch("reclamo.api.deadline_preview.preview", side_effect=RuntimeError("boom")):
        response = Client(raise_request_exception=False).post(
            PREVIEW, json.dumps(CASE), content_type="application/json"
        )
    error = _error(response, 500)
    assert error["code"] == "server_error" and "boom" not in error["message"]
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_a_server_error_outside_an_operation_is_json_under_api_only() -> None:
    middleware = ApiErrorShapeMiddleware(lambda request: HttpResponseServerError("<h1>500</h1>"))
    api = middleware(RequestFactory().get("/api/v1/me"))
    assert isinstance(api, HttpResponse)
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert json.loads(api.content)["error"]["code"] == "server_error"
    page = middleware(RequestFactory().get("/en/"))
    assert isinstance(page, HttpResponse)
    assert page.content == b"<h1>500</h1>"


@pytest.mark.rule("T-6")
@pytest.mark.parametrize("code", ["out_of_range", "no_policy_in_force"])
def test_out_of_range_and_no_policy_in_force_are_422(
    client: Any, bundled_providers: Any, code: str
) -> None:
    refusal = DomainError("Refused.", field="received_at", code=code)
    with mock.patch("reclamo.api.deadline_preview.preview", side_effect=refusal):
        response = client.post(PREVIEW, json.dumps(CASE), content_type="application/json")
    error = _error(response, 422)
    assert (error["code"], error["field"]) == (code, "received_at")


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_error_answers(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "ErrorOut" in schema["components"]["schemas"]
    preview = schema["paths"]["/api/v1/providers/{slug}/deadline-preview"]["post"]["responses"]
    assert {"200", "400", "404", "415", "422"} <= set(preview)
    assert "401" not in preview  # public: no token needed
    me = schema["paths"]["/api/v1/me"]["get"]["responses"]
    assert "401" in me and "415" not in me
    ref = preview["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/ErrorOut"
