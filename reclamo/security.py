"""The Permissions-Policy header: the pages use no camera, microphone, location or payment API.

Denying them outright means a script that ever slipped onto a page (or a page framed elsewhere)
cannot ask the visitor for them. The features come from the `PERMISSIONS_POLICY` setting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def permissions_policy_header(policy: Mapping[str, Sequence[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response
