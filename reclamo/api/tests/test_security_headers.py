"""Content-Security-Policy (self only), Permissions-Policy, Swagger UI from our own files."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders

PAGES = ["/en/", "/sk/p/petrocomp/", "/en/p/unitel/deadlines/", "/en/accounts/login/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
# Resources a page loads (links to other sites are fine: they are not loaded).
EXTERNAL = re.compile(
    r"""<(?:script|img|iframe|video|audio|source)[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link[^>]*\bhref=["'](?:https?:)?//""",
    re.I,
)


def _directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", [*PAGES, "/api/v1/docs", "/admin/login/"])
def test_every_page_has_a_self_only_content_security_policy(
    client: Any, bundled_providers: Any, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", [*PAGES, "/api/v1/docs", "/admin/login/"])
def test_pages_need_no_inline_script_or_style_and_load_nothing_from_elsewhere(
    client: Any, bundled_providers: Any, path: str
) -> None:
    html = client.get(path).content.decode()
    assert not INLINE_SCRIPT.findall(html), "an inline script would be blocked by the CSP"
    assert not INLINE_STYLE.findall(html), "an inline style would be blocked by the CSP"
    assert not EXTERNAL.findall(html)


@pytest.mark.parametrize("path", ["/en/", "/api/v1/docs", "/api/v1/openapi.json"])
def test_a_permissions_policy_denies_camera_microphone_and_location(
    client: Any, bundled_providers: Any, path: str
) -> None:
    features = dict(
        part.strip().split("=", 1) for part in client.get(path)["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


@pytest.mark.django_db
def test_swagger_ui_is_served_from_the_vendored_static_files(client: Any) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assets = re.findall(r"""(?:src|href)=["']/static/([^"']+)["']""", html)
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"} <= (
        set(assets)
    )
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"
    assert "cdn" not in html.lower()
