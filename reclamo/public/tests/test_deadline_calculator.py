"""The public page "When will my complaint be answered?" explains each deadline with its rule."""

from __future__ import annotations

from typing import Any

import pytest


def _ask(client, slug: str, language: str, htmx: bool = False, **fields: Any) -> str:  # type: ignore[no-untyped-def]
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/{language}/p/{slug}/deadlines/", fields, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.rule("PC-12", "PC-13")
def test_PC_12_PC_13_petrocomp_deadlines_explained_in_slovak(client, bundled_providers) -> None:
    html = _ask(
        client,
        "petrocomp",
        "sk",
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        complexity="technical",
        defect_discovered_at="2026-11-20",
    )
    assert 'datetime="2026-12-21T23:59:59+01:00"' in html  # PC-12, T-2
    assert 'datetime="2027-01-19T23:59:59+01:00"' in html  # PC-13
    assert "Pravidlo PC-12" in html and "Pravidlo PC-13" in html
    # Each deadline says in plain words how it was counted (T-1, T-2).
    assert "Počíta sa 30 dní od doručenia poskytovateľovi." in html
    assert "Počíta sa 60 dní od doručenia poskytovateľovi." in html
    assert "končí nasledujúci pracovný deň" in html
    assert '<html lang="sk">' in html


@pytest.mark.rule("PN-6")
def test_PN_6_received_in_the_evening_is_due_next_morning(client, bundled_providers) -> None:
    html = _ask(
        client,
        "pronet",
        "ro",
        kind="complaint",
        channel="web",
        received_at="2026-11-20T20:30",
        category="quality",
    )
    # Entered as Bucharest wall-clock time (the form says so): due 10:30 next day.
    assert 'datetime="2026-11-21T10:30:00+02:00"' in html
    assert "PN-6" in html
    assert "Se calculează 2 ore lucrătoare de la primirea de către furnizor." in html


@pytest.mark.rule("PC-2")
def test_PC_2_the_page_explains_an_email_refusal(client, bundled_providers) -> None:
    html = _ask(
        client,
        "petrocomp",
        "en",
        kind="complaint",
        channel="email",
        received_at="2026-11-20T10:00",
    )
    assert 'role="alert"' in html and "email" in html.lower()
    assert "PC-2" in html


def test_htmx_posts_get_only_the_calculator_back(client, bundled_providers) -> None:
    html = _ask(
        client,
        "unitel",
        "hu",
        htmx=True,
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        defect_discovered_at="2026-11-18",
    )
    assert html.lstrip().startswith('<div id="calculator">')
    assert "UN-9" in html and "UN-8" in html


def test_a_missing_time_is_a_form_error_not_a_crash(client, bundled_providers) -> None:
    html = _ask(client, "unitel", "en", kind="complaint", channel="letter", received_at="")
    assert 'class="errors"' in html
    assert 'id="answer"' not in html


def test_a_wall_clock_time_that_does_not_exist_is_refused(client, bundled_providers) -> None:
    # 2026-03-29 02:30 does not exist in Bratislava (clocks jump from 02:00 to 03:00).
    html = _ask(
        client, "unitel", "en", kind="complaint", channel="letter", received_at="2026-03-29T02:30"
    )
    assert 'class="errors"' in html
    assert 'id="answer"' not in html


def test_the_form_offers_only_the_providers_own_channels(client, bundled_providers) -> None:
    html = client.get("/en/p/pronet/deadlines/").content.decode()
    assert 'value="in_person"' in html
    html = client.get("/en/p/unitel/deadlines/").content.decode()
    assert 'value="in_person"' not in html
