"""The API's one error shape: {"error": {"code", "message", "field"}} (api.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from reclamo.domain.errors import DomainError


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def _field_of(loc: list[Any] | tuple[Any, ...]) -> str | None:
    parts = [str(part) for part in loc if part not in {"body", "payload", "query", "path"}]
    return ".".join(parts) or None


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
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
        first = exc.errors[0] if exc.errors else {}
        field = _field_of(first.get("loc", ()))
        message = str(first.get("msg", "The request is not valid."))
        if field:
            message = f"{field}: {message}"
        body = error_body("invalid", message, field)
        body["error"]["details"] = [
            {"field": _field_of(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors
        ]
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
