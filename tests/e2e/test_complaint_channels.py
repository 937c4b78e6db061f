"""Filing a case in a browser on a phone-sized screen: through the public web form (deadlines
shown before sending, number and deadlines after) and through the customer portal (sign-up with
the confirmation link, filing, replying); every page passes axe-core's WCAG 2 A/AA checks.

Screenshots at phone and desktop width go to $RECLAMO_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SHOTS = os.environ.get("RECLAMO_SCREENSHOTS")


def _check(page, name: str) -> None:  # type: ignore[no-untyped-def]
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} scrolls sideways"
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})


def test_a_complaint_filed_on_the_web_form_on_a_phone(served: Served, page) -> None:
    page.goto(f"{served.url}/en/p/pronet/")
    page.get_by_role("link", name="Fill in the complaint form").click()
    page.wait_for_url("**/en/p/pronet/complaint/")
    _check(page, "web-form")
    page.get_by_label("A complaint (quality or billing was wrong)").check()
    page.get_by_label("What is it about?").select_option("billing")
    page.evaluate("window.__marker = 'same page'")
    page.get_by_role("button", name="Show my deadlines").click()
    preview = page.locator("#preview dl")
    preview.wait_for()
    assert page.evaluate("window.__marker") == "same page", "htmx swapped the preview in place"
    assert "Rule PN-6" in preview.inner_text()
    _check(page, "web-form-preview")
    page.get_by_label("Your name").fill("Ana Popescu")
    page.locator("#id_email").fill("ana.e2e@example.ro")
    page.locator("#id_phone").fill("0721 234 567")
    page.get_by_label("Subject").fill("Factură dublă")
    page.get_by_label("What happened, and what would you like us to do?").fill(
        "Am fost facturată de două ori pentru luna octombrie."
    )
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url("**/complaint/received/**")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Case PN-") and heading.endswith("registered")
    assert page.locator("dl.facts time").count() >= 3  # received + PN-6 + PN-5
    _check(page, "web-form-received")


def _confirmation_link(served: Served, email: str) -> str:
    """The link of the sign-up mail, read from the served installation's task queue (the mail
    itself goes to the worker's console)."""
    code = (
        "import json; from django_tasks_db.models import DBTaskResult;"
        "r = DBTaskResult.objects.filter(task_path__endswith='portal_mail_send')"
        ".order_by('-enqueued_at').first();"
        "print(json.dumps(r.args_kwargs))"
    )
    leaking = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    environment = {k: v for k, v in os.environ.items() if k not in leaking}
    environment["RECLAMO_DATA_DIR"] = str(served.data_dir)
    for _ in range(20):
        queued = subprocess.run(
            [sys.executable, "-m", "reclamo", "shell", "-c", code],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if email in queued:
            break
        time.sleep(1)
    link = re.search(r"https?://[^/\s]+(/hu/portal/signup/confirm/[^\s\"]+/)", queued)
    assert link is not None, queued
    return served.url + link.group(1)


def test_a_complaint_filed_and_answered_in_the_portal_on_a_phone(served: Served, page) -> None:
    page.goto(f"{served.url}/hu/p/unitel/")
    page.get_by_role("link", name="Fiók létrehozása").click()
    page.wait_for_url("**/hu/portal/signup/unitel/")
    _check(page, "portal-signup")
    page.get_by_label("Az Ön neve").fill("Kovács János")
    page.get_by_label("E-mail").fill("janos.e2e@example.sk")
    page.get_by_role("button", name="Kérem a hivatkozást").click()
    page.wait_for_url("**/portal/signup/sent/")
    page.goto(_confirmation_link(served, "janos.e2e@example.sk"))
    _check(page, "portal-password")
    page.locator("#id_new_password1").fill("egy-Hosszu-jelszo-42")
    page.locator("#id_new_password2").fill("egy-Hosszu-jelszo-42")
    page.get_by_role("button", name="Fiók megnyitása").click()
    page.wait_for_url("**/hu/portal/")
    # UNITEL: complaints are handled in Slovak only, said in Hungarian.
    assert "kizárólag szlovák nyelven" in page.locator("main").inner_text()
    _check(page, "portal-home")
    page.get_by_role("link", name="Új ügy benyújtása").first.click()
    page.wait_for_url("**/portal/complaints/new/")
    assert page.locator("#id_email").input_value() == "janos.e2e@example.sk"
    page.locator("input[name=kind][value=fault_report]").check()
    page.locator("#id_category").select_option("quality")
    page.locator("#id_fault_location").select_option("outside_premises")
    page.get_by_label("Tárgy").fill("Nincs internet")
    page.get_by_label("Mi történt, és mit szeretne, hogy tegyünk?").fill("Reggel óta nincs net.")
    _check(page, "portal-new")
    page.get_by_role("button", name="Küldés", exact=True).click()
    page.wait_for_url("**/portal/complaints/UN-*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("UN-")
    page.get_by_label("Az Ön üzenete").fill("Még mindig nem működik.")
    page.get_by_role("button", name="Üzenet elküldése").click()
    page.locator(".messages").wait_for()
    assert "Még mindig nem működik." in page.locator(".timeline").inner_text()
    _check(page, "portal-case")
