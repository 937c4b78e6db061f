"""Every bundled provider's contact page renders in a real browser, on a phone-sized screen."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Served

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(
    ("slug", "language", "expected"),
    [
        ("pronet", "ro", "tehnic@pronetit.ro"),  # PN-3
        ("unitel", "hu", "kizárólag szlovák nyelven"),  # UN-1 site notice
        ("petrocomp", "sk", "+421 902 441 588"),  # PC-1
    ],
)
def test_contact_page_renders_with_headings_and_fits_a_phone(
    served: Served, page, slug: str, language: str, expected: str
) -> None:
    page.goto(f"{served.url}/{language}/p/{slug}/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", level=2).count() >= 3
    assert expected in page.content()
    # Usable on a phone: nothing wider than the 390 px viewport.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    # Every department shows its open/closed badge or says no hours are published.
    cards = page.locator("#departments article").all()
    assert cards
    for card in cards:
        assert card.locator(".badge, p.muted").count() >= 1
