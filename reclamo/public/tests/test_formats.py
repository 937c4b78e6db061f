"""Dates as each language writes them, from CLDR (reclamo/formats.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from reclamo.formats import format_day, format_instant, own_language, tidy_sentence, zone_name


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sk", "22. novembra 2026"),  # genitive month
        ("hu", "2026. november 22."),
        ("ro", "22 noiembrie 2026"),  # lower case in running text
        ("en", "November 22, 2026"),
    ],
)
def test_a_day(language: str, expected: str) -> None:
    assert format_day(date(2026, 11, 22), language) == expected


def test_hungarian_writes_the_weekday_in_brackets_after_the_date() -> None:
    assert format_day(date(2026, 12, 21), "hu", weekday=True) == "2026. december 21. (hétfő)"
    assert format_day(date(2026, 12, 21), "ro", weekday=True) == "luni, 21 decembrie 2026"


def test_an_instant_is_shown_as_the_providers_wall_clock() -> None:
    at = datetime(2026, 12, 21, 13, 30, tzinfo=UTC)
    assert format_instant(at, "Europe/Bratislava", "sk") == "pondelok 21. decembra 2026, 14:30"
    assert format_instant(at, "Europe/Bucharest", "ro") == "luni, 21 decembrie 2026, 15:30"


def test_a_sentence_never_ends_in_two_periods_and_hungarian_suffixes_drop_the_dot() -> None:
    assert tidy_sentence("Podajte ju najneskôr 14. novembra 2026.", "sk").endswith("2026.")
    assert tidy_sentence("Nyújtsa be eddig: 2026. november 14..", "hu").endswith("14.")
    assert tidy_sentence("Legkésőbb 2026. november 14.-ig nyújtsa be.", "hu") == (
        "Legkésőbb 2026. november 14-ig nyújtsa be."
    )


def test_zones_and_languages_in_words() -> None:
    assert zone_name("Europe/Bratislava", "SK") == "Slovak time"
    with translation.override("hu"):
        assert zone_name("Europe/Bratislava", "SK") == "szlovákiai idő"
    assert own_language("sk") == "Slovenčina" and own_language("ro") == "Română"
