"""The API's one error shape: {"error": {"code", "message", "field"}} (api.md).

Every error the API answers is built here: refusals of the domain (422), unreadable input (400,
415, 422), missing tokens (401), unknown things (404), and — never meant to happen — a server
error (500, logged), so a client only ever parses one shape. Messages are worded in the request's
language through `reclamo/error_messages.py`. Answers produced outside django-ninja (an unknown
path, a wrong method) get the same shape from `reclamo.api.middleware`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from reclamo.domain.errors import DomainError
from reclamo.error_messages import error_message, error_text
from reclamo.errors import ApplicationError

logger = logging.getLogger(__name__)

# The codes pydantic reports for our own strict types (reclamo/api/types.py) pass through as is.
_OWN_CODES = frozenset(
    {
        "invalid_instant",
        "instant_without_offset",
        "invalid_date",
        "out_of_range",
        "invalid_amount",
        "invalid_period",
    }
)
# The code of a bare HTTP status, when nothing more specific is known; the words are in
# reclamo/error_messages.py.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "server_error",
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        params: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.params = params or {}
        self.headers = headers or {}


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None


class ErrorBody(ErrorDetail):
    # Refused input lists every problem found; `code`, `message` and `field` repeat the first.
    details: list[ErrorDetail] | None = None


class ErrorOut(Schema):
    """Every error the API answers: a code to act on, a message to show, the field at fault."""

    error: ErrorBody


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field}}


def api_error_body(error: ApiError | ApplicationError | DomainError) -> dict[str, Any]:
    """The body the error handlers answer for ``error``, for callers that store it too."""
    if isinstance(error, ApiError):
        message = error_text(
            error.code, default=error.message, field=error.field, params=error.params
        )
    else:
        message = error_message(error)
    return error_body(error.code, message, error.field)


def status_error_body(status: int, params: dict[str, object] | None = None) -> dict[str, Any]:
    """The error shape for a bare HTTP status (an unknown path, a wrong method, …)."""
    code = STATUS_CODES.get(status, "http_error")
    return error_body(code, error_text(code, default=f"HTTP {status}.", params=params))


class JsonParser(Parser):
    """Reads request bodies as JSON only: another Content-Type is 415, broken JSON 400.

    django-ninja wraps whatever the parser raises in a 400 `HttpError`; the `ApiError` travels as
    its cause and `http_error` below answers it.
    """

    def parse_body(self, request: HttpRequest) -> Any:
        content_type = request.content_type or ""
        if content_type != "application/json" and not content_type.endswith("+json"):
            raise ApiError(415, "unsupported_media_type", "Send Content-Type: application/json.")
        try:
            return json.loads(request.body)
        except (ValueError, RecursionError):
            raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None


def _field_of(loc: list[Any] | tuple[Any, ...]) -> str | None:
    parts = [str(part) for part in loc if part not in {"body", "payload", "query", "path"}]
    return ".".join(parts) or None


def _explain(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as {code, message, field}, worded for the person sending the request."""
    field = _field_of(error.get("loc", ()))
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    value = repr(error["input"])[:80] if "input" in error else ""
    params: dict[str, object] = {"value": value}
    if kind in _OWN_CODES:
        code = kind
        params["value"] = context.get("value", value)
    elif kind == "timezone_aware":  # a schema still using pydantic's AwareDatetime
        code = "instant_without_offset"
    elif kind in {"literal_error", "enum"}:
        code = "unknown_value"
        params["expected"] = context.get("expected", "")
    elif kind == "missing":
        code = "missing_field"
    else:
        code = "invalid"
    where = f"{field}: " if field else ""
    default = f"{where}{error.get('msg', 'not valid')}."
    message = error_text(code, default=default, field=field, params=params)
    return {"code": code, "message": message, "field": field}


def details_error_body(details: list[dict[str, Any]]) -> dict[str, Any]:
    """The body listing every problem of refused input: each in `details`, the first repeated as
    `code`, `message` and `field`. ``details`` is not empty."""
    body = error_body(details[0]["code"], details[0]["message"], details[0]["field"])
    body["error"]["details"] = details
    return body


def validation_error_body(errors: list[Any]) -> dict[str, Any] | None:
    """The 422 body for pydantic's errors (every problem in `details`); None when there are none."""
    details = [_explain(error) for error in errors]
    if not details:
        return None
    return details_error_body(details)


def install_error_handlers(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        response = answer(request, exc.status, api_error_body(exc))
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return answer(request, exc.status, api_error_body(exc))

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        # Includes out_of_range and no_policy_in_force: input the product cannot take, not a bug.
        return answer(request, 422, error_body(exc.code, error_message(exc), exc.field))

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        body = validation_error_body(list(exc.errors))
        if body is None:
            return answer(request, 400, status_error_body(400))
        return answer(request, 422, body)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return answer(request, 401, status_error_body(401))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, ApiError):
            return api_error(request, exc.__cause__)
        return answer(request, exc.status_code, status_error_body(exc.status_code))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, status_error_body(404))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is read.
        status = 413 if isinstance(exc, RequestDataTooBig) else 400
        return answer(request, status, status_error_body(status))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error answering %s %s", request.method, request.path)
        return answer(request, 500, status_error_body(500))
