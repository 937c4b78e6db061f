"""The API's one error shape: {"error": {"code", "message", "field"}} (api.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from reclamo.domain.errors import DomainError
from reclamo.errors import ApplicationError


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def _field_of(loc: list[Any] | tuple[Any, ...]) -> str | None:
    parts = [str(part) for part in loc if part not in {"body", "payload", "query", "path"}]
    return ".".join(parts) or None


def _explain(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as {code, message, field}, worded for the person sending the request."""
    field = _field_of(error.get("loc", ()))
    kind = str(error.get("type", ""))
    where = f"{field}: " if field else ""
    given = f"{error['input']!r} " if error.get("input") is not None else ""
    if kind == "timezone_aware":
        code = "instant_without_offset"
        message = (
            f"{where}{given}has no UTC offset; send the instant with its offset, "
            "e.g. 2026-11-20T14:30:00+01:00 (T-6)."
        )
    elif kind in {"literal_error", "enum"}:
        code = "unknown_value"
        expected = error.get("ctx", {}).get("expected", "")
        message = f"{where}{given}is not a known value; use one of {expected}."
    elif kind == "missing":
        code = "missing_field"
        message = f"{where}this field is required."
    else:
        code = "invalid"
        message = f"{where}{error.get('msg', 'not valid')}."
    return {"code": code, "message": message, "field": field}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.field), status=exc.status
        )

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.field), status=exc.status
        )

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.field), status=422
        )

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [_explain(error) for error in exc.errors] or [
            {"code": "invalid", "message": "The request is not valid JSON.", "field": None}
        ]
        body = error_body(details[0]["code"], details[0]["message"], details[0]["field"])
        body["error"]["details"] = details
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            error_body(
                "unauthorized",
                "Send a valid integration token: Authorization: Bearer TOKEN "
                "(issued with `reclamo issue_api_token SLUG`).",
            ),
            status=401,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(
            request, error_body("http_error", str(exc)), status=exc.status_code
        )
