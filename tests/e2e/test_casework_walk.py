"""Case handling in a browser, for each bundled provider: a letter registered at the desk is
found in its department's queue, taken, decided (a rejection, so the statement names where to
turn) and its written statement downloaded and read in the customer's language (PN-9, UN-11,
PC-14, PC-15). The queue and the case page are then looked at on a phone and checked with axe."""

from __future__ import annotations

import io
import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

SCAN = b"%PDF-1.4\n% the customer's letter\n%%EOF\n"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# provider, the customer's language, what the statement must say in it: the heading, the
# decision, and the body the customer may escalate to.
WALKS = [
    ("pronet", "ro", "Răspuns scris la reclamația nr.", "Respinsă", "ANCOM"),
    (
        "unitel",
        "hu",
        "Írásbeli válasz a(z)",
        "Elutasítva",
        "Elektronikus Hírközlési és Postai Szabályozó Hivatal",
    ),
    (
        "petrocomp",
        "sk",
        "Písomné vyjadrenie k reklamácii č.",
        "Zamietnutá",
        "Úrad pre reguláciu elektronických komunikácií",
    ),
]


def _shots(tmp_path: Path) -> Path:
    # RECLAMO_SCREENSHOTS keeps them for a person to look at; otherwise they are thrown away.
    folder = Path(os.environ.get("RECLAMO_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sign_in(page, served: Served, slug: str) -> None:  # type: ignore[no-untyped-def]
    # The served installation writes its demo register meanwhile; on a loaded machine a page
    # may take longer than Playwright's 30 s default.
    page.set_default_timeout(90_000)
    page.goto(f"{served.url}/en/accounts/login/?next=/en/console/{slug}/")
    page.get_by_label("Username").fill(f"{slug}-staff")
    page.get_by_label("Password").fill("reclamo-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/en/console/{slug}/")


def _register_at_desk(  # type: ignore[no-untyped-def]
    page, served: Served, slug: str, language: str, email: str | None = None
) -> str:
    page.goto(f"{served.url}/en/console/{slug}/desk/")
    # Every procedure takes letters: received an hour ago, at the provider's wall clock.
    zone = ZoneInfo("Europe/Bucharest" if slug == "pronet" else "Europe/Bratislava")
    delivered = datetime.now(zone) - timedelta(hours=1)
    page.get_by_label("Letter", exact=True).check()
    page.get_by_label("Received at").fill(delivered.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Scan of the letter").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": SCAN}
    )
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Category").select_option("quality")
    page.get_by_label("Customer's name").fill(f"Casework Walk {language}")
    # A letter may come with a postal address only (email ""): no acknowledgement can be sent.
    page.get_by_label("Customer's email").fill(
        f"walk-{language}@example.org" if email is None else email
    )
    page.get_by_label("Customer's language").select_option(language)
    page.get_by_label("Subject").fill("Internet drops every evening")
    page.get_by_label("What the customer says").fill("The connection drops after 20:00.")
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_url(f"**/en/console/{slug}/cases/*/")
    return str(page.locator("h1").inner_text().split()[0])


def _find_in_queue(page, number: str):  # type: ignore[no-untyped-def]
    """The case's row in its department's queue, paging on (oldest first, PC-14)."""
    for _ in range(40):
        row = page.locator("table.queue tbody tr", has_text=number)
        if row.count():
            return row.first
        page.get_by_role("link", name="Next page").click()
        page.wait_for_load_state()
    raise AssertionError(f"{number} is not in the queue")


@pytest.mark.rule("PC-14")
@pytest.mark.parametrize(("slug", "language", "heading", "decision", "body"), WALKS)
def test_a_case_walks_from_the_desk_to_its_sent_statement(  # type: ignore[no-untyped-def]
    served: Served, page, tmp_path: Path, slug, language, heading, decision, body
) -> None:
    shots = _shots(tmp_path)
    page.set_viewport_size(DESKTOP)
    _sign_in(page, served, slug)
    number = _register_at_desk(page, served, slug, language)
    department = page.locator("dl.facts dt:text-is('Department') + dd").inner_text().strip()

    page.get_by_role("navigation", name="Console").get_by_role("link", name=department).click()
    page.wait_for_url(f"**/en/console/{slug}/queue/*/")
    row = _find_in_queue(page, number)
    assert "Nearest deadline" in page.locator("table.queue thead").inner_text()
    row.get_by_role("button", name="Take").click()
    page.wait_for_url(f"**/cases/{number}/")
    assert f"You took case {number}." in page.locator(".messages").inner_text()

    decision_form = page.locator("form", has=page.get_by_label("Outcome"))
    decision_form.get_by_label("Outcome").select_option("rejected")
    decision_form.get_by_label("Reasons").fill("The line was measured without fault.")
    # The demo register holds older open cases of the same queue: the reason goes on record.
    older = page.get_by_text("is older and still open")
    if older.count():
        decision_form.get_by_label("Why this case before an older open one (PC-14)").fill(
            "Walk-in customer waiting at the desk."
        )
    decision_form.get_by_role("button", name="Decide and send the written statement").click()
    page.wait_for_url(f"**/cases/{number}/")
    assert "Saved." in page.locator(".messages").inner_text()
    assert "Written statement" in page.locator("section.casework h2").first.inner_text()
    page.screenshot(path=str(shots / f"case-{slug}-decided.png"), full_page=True)

    link = page.get_by_role("link", name="Download the PDF")
    response = page.request.get(served.url + str(link.get_attribute("href")))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert number in text
    assert heading in text
    assert decision in text
    assert "The line was measured without fault." in text
    assert body in text


@pytest.mark.parametrize(
    ("slug", "language"), [("pronet", "ro"), ("unitel", "hu"), ("petrocomp", "sk")]
)
def test_the_queue_and_the_case_page_on_a_phone(  # type: ignore[no-untyped-def]
    served: Served, page, tmp_path: Path, slug, language
) -> None:
    """In the provider's language, at 390 px: nothing scrolls sideways; axe finds nothing."""
    shots = _shots(tmp_path)
    _sign_in(page, served, slug)
    # Two cases of its own in one queue: the demo register is filled only on an empty register,
    # and other browser tests on this installation may have registered cases first.
    _register_at_desk(page, served, slug, language)
    _register_at_desk(page, served, slug, language)
    department = page.locator("dl.facts dt:text-is('Department') + dd").inner_text().strip()
    queue = page.get_by_role("navigation", name="Console").get_by_role("link", name=department)
    href = str(queue.get_attribute("href"))
    page.goto(served.url + href.replace("/en/", f"/{language}/", 1))
    page.locator("table.queue tbody tr").nth(1).wait_for()
    page.screenshot(path=str(shots / f"queue-{slug}-phone.png"), full_page=True)
    page.screenshot(path=str(shots / f"queue-{slug}-phone-top.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    # Keyboard: j / k choose a case, Enter opens it (the hint is on the page).
    assert page.locator(".shortcuts kbd").count() == 4
    numbers = page.locator("table.queue tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.number)"
    )
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.textContent") == numbers[1]
    assert page.locator("tr.chosen").get_attribute("data-number") == numbers[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/console/{slug}/cases/{numbers[1]}/")
    page.screenshot(path=str(shots / f"case-{slug}-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
