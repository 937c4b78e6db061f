"""The API's error shape for answers django-ninja never sees.

An unknown path under /api/ (Django's 404 page), a method the path does not answer (django-ninja's
plain-text 405), a server error outside an operation (Django's 500 page): under /api/ each is
answered as `{"error": {"code", "message", "field"}}` with its status, so no client ever has to
parse HTML. Pages outside /api/ keep their own error pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, JsonResponse

from reclamo.api.errors import status_error_body

API_PREFIX = "/api/"
# Headers that still mean something once the body is replaced.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class ApiErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        params: dict[str, object] = {
            "method": request.method or "",
            "allowed": response.get("Allow", ""),
        }
        shaped = JsonResponse(
            status_error_body(response.status_code, params), status=response.status_code
        )
        for header in _KEPT_HEADERS:
            if header in response:
                shaped[header] = response[header]
        return shaped
