"""Undelivered letters in a browser: a letter registered at the desk from a customer who gave
no email address or phone number cannot be acknowledged; the worker fails it at once, and it
appears on the console's list, read on a phone in the provider's language and checked with axe.
Recording a posted copy takes it off the list."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import Served
from tests.e2e.test_casework_walk import PHONE, WCAG, _register_at_desk, _shots, _sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


def test_a_letter_without_an_address_is_listed_and_recorded_as_posted(  # type: ignore[no-untyped-def]
    served: Served, page, tmp_path: Path
) -> None:
    _sign_in(page, served, "pronet")
    number = _register_at_desk(page, served, "pronet", "ro", email="")
    url = f"{served.url}/ro/console/pronet/letters/undelivered/"
    row = page.locator("table.letters tbody tr", has_text=number)
    deadline = time.monotonic() + 180  # the worker takes the acknowledgement's task
    while True:
        page.goto(url)
        if row.count() or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert row.count() == 1, f"{number} is not listed as undelivered"
    assert "Nicio adresă de e-mail sau număr de telefon." in row.inner_text()
    page.screenshot(path=str(_shots(tmp_path) / "undelivered-pronet-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    row.get_by_role("button", name="Trimisă prin poștă").click()
    page.wait_for_load_state()
    assert "înregistrată ca trimisă prin poștă" in page.locator(".messages").inner_text()
    assert page.locator("table.letters tbody tr", has_text=number).count() == 0
