"""The staff console in a browser: a handler registers a letter at the desk with its real
delivery time and a scan, then finds it in the register (htmx search), on a phone and a desktop."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

BUCHAREST = ZoneInfo("Europe/Bucharest")
PDF = b"%PDF-1.4\n% a scanned letter\n%%EOF\n"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _shots(tmp_path: Path) -> Path:
    # RECLAMO_SCREENSHOTS keeps them for a person to look at; otherwise they are thrown away.
    folder = Path(os.environ.get("RECLAMO_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sign_in(page, served: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served.url}/en/console/")
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("Username").fill("pronet-staff")
    page.get_by_label("Password").fill("reclamo-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/console/pronet/")


@pytest.mark.rule("T-6")
def test_a_letter_registered_at_the_desk_is_found_in_the_register(
    served: Served, page, tmp_path: Path
) -> None:
    shots = _shots(tmp_path)
    _sign_in(page, served)
    page.get_by_role("link", name="Desk and letters").click()
    page.wait_for_url("**/en/console/pronet/desk/")
    page.get_by_label("Letter", exact=True).check()
    # The walk-in's location hides for a letter; its scan shows.
    assert not page.get_by_label("Where (for a walk-in)").is_visible()
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(shots / "desk-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(shots / "desk-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    delivered = (datetime.now(BUCHAREST) - timedelta(days=2)).replace(
        hour=10, minute=15, second=0, microsecond=0
    )
    page.get_by_label("Received at").fill(delivered.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Scan of the letter").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Customer's name").fill("Elena Desk-Test")
    page.get_by_label("Customer's email").fill("elena@example.ro")
    page.get_by_label("Customer's language").select_option("ro")
    page.get_by_label("Subject").fill("Scrisoare: factură greșită")
    page.get_by_label("What the customer says").fill("Am primit factura de două ori.")
    page.get_by_role("button", name="Register", exact=True).click()

    page.wait_for_url("**/en/console/pronet/cases/PN-*/")
    number = page.locator("h1").inner_text().split()[0]
    assert f"Registered as {number}." in page.locator(".messages").inner_text()
    received = page.locator("dl.facts time").first.get_attribute("datetime")
    assert received is not None
    assert datetime.fromisoformat(received) == delivered  # the envelope's time, not now
    assert "letter.pdf" in page.content()

    page.get_by_role("link", name="Register", exact=True).first.click()
    page.wait_for_url("**/en/console/pronet/")
    page.get_by_label("Search number, customer or subject").fill("Desk-Test")
    page.get_by_label("Search number, customer or subject").press("Enter")
    page.wait_for_url("**q=Desk-Test**")
    row = page.locator("table.register tbody tr")
    row.first.wait_for()
    assert row.count() == 1 and number in row.first.inner_text()
    assert "Letter" in row.first.inner_text()
    page.screenshot(path=str(shots / "register-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    page.goto(f"{served.url}/en/console/pronet/")
    page.screenshot(path=str(shots / "register-desktop.png"), full_page=True)
