"""The served application in a real browser: the home page and a provider page in every language."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.request

import pytest

from tests.e2e.conftest import Served, serve_start

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

HOME_HEADINGS = {
    "en": "Complaint handling",
    "ro": "Soluționarea reclamațiilor",
    "sk": "Vybavovanie reklamácií",
    "hu": "Panaszkezelés",
}


@pytest.mark.parametrize("language", sorted(HOME_HEADINGS))
def test_home_page_lists_the_three_bundled_providers(served: Served, page, language: str) -> None:
    page.goto(f"{served.url}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == HOME_HEADINGS[language]
    providers = page.get_by_role("list", name=page.locator("ul.cards").get_attribute("aria-label"))
    links = providers.get_by_role("link").all_inner_texts()
    assert len(links) == 3
    assert any("ProNET" in text for text in links)
    assert any("UNITEL" in text.upper() for text in links)
    assert any("PETROCOMP" in text.upper() for text in links)


def test_provider_page_opens_from_the_home_page(served: Served, page) -> None:
    page.goto(f"{served.url}/sk/")
    page.get_by_role("link", name="ProNET", exact=False).first.click()
    page.wait_for_url("**/sk/p/pronet/")
    assert "ProNET" in page.locator("h1").inner_text()


def test_root_redirects_to_the_browsers_language(served: Served, browser) -> None:
    context = browser.new_context(locale="hu-HU")
    tab = context.new_page()
    tab.goto(f"{served.url}/")
    assert tab.url.endswith("/hu/")
    context.close()


def test_served_installation_is_healthy_and_runs_background_work(served: Served) -> None:
    with urllib.request.urlopen(served.url + "/healthz", timeout=5) as response:  # noqa: S310
        body = json.load(response)
    assert body["database"] == "ok"
    # `reclamo serve` queues a heartbeat at start; its worker process must have run it.
    deadline = time.monotonic() + 30
    while body["worker_last_seen"] is None and time.monotonic() < deadline:
        time.sleep(0.5)
        with urllib.request.urlopen(served.url + "/healthz", timeout=5) as response:  # noqa: S310
            body = json.load(response)
    assert body["worker_last_seen"] is not None


def test_ctrl_c_stops_every_process_it_started(tmp_path) -> None:
    own = serve_start(tmp_path)
    children = subprocess.run(
        ["pgrep", "-P", str(own.process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert len(children) >= 2, "serve should run a web server and a task worker"
    own.process.send_signal(signal.SIGINT)
    assert own.process.wait(timeout=30) == 0
    for pid in children:
        alive = subprocess.run(["kill", "-0", pid], capture_output=True, check=False)
        assert alive.returncode != 0, f"child {pid} still running after Ctrl-C"
