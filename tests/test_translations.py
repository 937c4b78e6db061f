"""Every user-facing text ships in ro, sk and hu: no message untranslated or left fuzzy.

Two checks. The first reads the committed catalogues. The second extracts the messages from the
source exactly as the developers' command does (``makemessages -l ro -l sk -l hu --no-obsolete``,
run on a copy of the tree so the committed files are not touched) and names every message that
the source has and a catalogue lacks or leaves untranslated — a new ``gettext`` call or template
text that nobody extracted fails here, not in front of a customer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "reclamo" / "locale"
LANGUAGES = ("ro", "sk", "hu")
ENTRY = re.compile(r'^msgid "(.+)"$', re.MULTILINE)

# Not source: virtual environments, version control, caches, the data directory, test output.
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "*.pyc", "*.mo", "var", "staticfiles", "test-results", "node_modules"
)
GETTEXT_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib")


@pytest.mark.parametrize("language", LANGUAGES)
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


def _catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def _where(message: Message) -> str:
    places = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
    context = f" (context {message.context!r})" if message.context else ""
    key = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{key!r}{context} at {places or '?'}"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The locale directory makemessages writes when run on a copy of the source tree."""
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    assert not missing_tools, f"GNU gettext is needed ({missing_tools}); ./dev installs it"
    tree = tmp_path_factory.mktemp("source") / "tree"
    shutil.copytree(ROOT, tree, ignore=NOT_SOURCE)
    env = {
        **os.environ,
        # The copy's packages, so LOCALE_PATHS (and every template) are the copy's.
        "PYTHONPATH": str(tree),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "RECLAMO_DATA_DIR": str(tree / "var"),
    }
    command = [sys.executable, "-m", "reclamo", "makemessages", "--no-obsolete", "-v", "0"]
    command += [f"-l{language}" for language in LANGUAGES]
    result = subprocess.run(
        command, cwd=tree, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return tree / "reclamo" / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_source_is_in_the_catalogue_and_translated(
    extracted: Path, language: str
) -> None:
    committed = _catalogue(LOCALE / language / "LC_MESSAGES" / "django.po")
    source = _catalogue(extracted / language / "LC_MESSAGES" / "django.po")
    missing, untranslated = [], []
    for message in source:
        if not message.id:
            continue  # the header
        ours = committed.get(message.id, context=message.context)
        if ours is None:
            missing.append(_where(message))
        elif not _translated(ours):
            untranslated.append(_where(message))
    assert not missing, (
        f"{len(missing)} message(s) of the source are not in the {language} catalogue: run "
        "./dev reclamo makemessages -l ro -l sk -l hu -l en --ignore=.venv --no-obsolete, "
        "then translate them:\n  " + "\n  ".join(missing)
    )
    assert not untranslated, (
        f"{len(untranslated)} message(s) untranslated or fuzzy in {language}:\n  "
        + "\n  ".join(untranslated)
    )
