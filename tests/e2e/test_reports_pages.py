"""The manager's dashboard and the public quality page in a phone-sized browser: readable
charts without JavaScript, the drill-down to the register, and no WCAG 2 A/AA violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _sign_in(page, served: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served.url}/en/console/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Username").fill("pronet-admin")
    page.get_by_label("Password").fill("reclamo-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/console/pronet/")


def test_the_dashboard_on_a_phone(served: Served, page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, served)
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url("**/en/console/pronet/dashboard/")
    assert page.get_by_role("heading", name="Dashboard", level=1).is_visible()
    assert page.get_by_role("img", name="Open cases by department").is_visible()
    assert page.get_by_role("img", name="Deadline compliance per month").is_visible()
    # Nothing wider than the phone, even with every table open: no sideways scrolling.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    # The overdue figure leads to the register filtered to the overdue cases.
    page.get_by_role("link", name="overdue").first.click()
    page.wait_for_url("**/en/console/pronet/?*overdue=1*")


@pytest.mark.parametrize("language", ["ro", "en"])
def test_the_public_quality_page_on_a_phone(served: Served, page, language: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served.url}/{language}/p/pronet/quality/")
    assert page.locator("table.quality tbody tr").count() >= 10
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_dashboard_on_a_desktop(served: Served, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, served)
        page.goto(f"{served.url}/en/console/pronet/dashboard/")
        # Every table opened: a wide one scrolls in its own box, never the page.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.get_by_role("heading", name="Overdue and at risk: trend").is_visible()
        assert page.get_by_role("link", name="ANCOM table, last four quarters (CSV)").is_visible()
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()
