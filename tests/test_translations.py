"""Every user-facing text ships in ro, sk and hu: no message untranslated or left fuzzy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "reclamo" / "locale"
ENTRY = re.compile(r'^msgid "(.+)"$', re.MULTILINE)


@pytest.mark.parametrize("language", ["ro", "sk", "hu"])
def test_every_message_is_translated(language: str) -> None:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first entry is the catalogue header
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    untranslated = [
        e for e in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', e, re.MULTILINE)
    ]
    assert not fuzzy, f"fuzzy in {language}: {[ENTRY.findall(e) for e in fuzzy]}"
    assert not untranslated, (
        f"untranslated in {language}: {[ENTRY.findall(e) for e in untranslated]}"
    )
    assert len(entries) > 100
