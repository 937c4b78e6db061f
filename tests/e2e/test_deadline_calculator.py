"""The deadline calculator in a browser: htmx posts the form and shows the answer in place."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.mark.rule("PC-12")
def test_PC_12_visitor_gets_the_deadlines_explained_without_a_page_reload(
    served: Served, page
) -> None:
    page.goto(f"{served.url}/sk/p/petrocomp/")
    page.get_by_role("link", name="Kedy dostanem odpoveď na reklamáciu?").click()
    page.wait_for_url("**/sk/p/petrocomp/deadlines/")
    page.get_by_label("Reklamácia (chybná kvalita alebo vyúčtovanie)").check()
    page.get_by_label("Čoho sa to týka?").select_option("quality")
    page.get_by_label("Ako to posielate?").select_option("letter")
    page.get_by_label("Kedy to poskytovateľ dostane?").fill("2026-11-20T10:00")
    page.get_by_label("Aká je zložitá?").select_option("technical")
    page.evaluate("window.__marker = 'same page'")
    page.get_by_role("button", name="Zobraziť lehoty").click()
    answer = page.locator("#answer")
    answer.wait_for()
    assert page.evaluate("window.__marker") == "same page", "htmx swapped in place"
    assert answer.locator('time[datetime="2026-12-21T23:59:59+01:00"]').count() == 1
    assert answer.locator('time[datetime="2027-01-19T23:59:59+01:00"]').count() == 1
    assert "Pravidlo PC-12" in answer.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_errors_take_focus_and_fields_follow_the_kind_on_a_phone(served: Served, page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served.url}/en/p/unitel/deadlines/")
    # A request needs no invoice date; a complaint may (UN-10).
    assert page.get_by_label("When was the invoice delivered?").is_visible()
    page.get_by_label("A request or question").check()
    assert not page.get_by_label("When was the invoice delivered?").is_visible()
    page.get_by_role("button", name="Show my deadlines").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < 844, "the summary is in view"
