"""Public pages pass axe-core's WCAG 2 A/AA checks (headings, labels, contrast, landmarks)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/ro/p/pronet/",
        "/hu/p/unitel/",
        "/sk/p/petrocomp/",
        "/sk/p/petrocomp/deadlines/",
        "/en/accounts/login/",
    ],
)
def test_page_has_no_wcag_violations(served: Served, page, path: str) -> None:
    page.goto(served.url + path)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
