"""Fixtures shared by the whole suite, and the procedure-rule bookkeeping.

A test that proves a rule of ../shared/spec/procedures.md carries `@pytest.mark.rule("UN-9")`.
`--rule-report=PATH` writes, after collection, every marked test with its rule ids as JSON (the
rule-coverage test reads it); the terminal summary names the rules still pending
(tests/pending_rules.txt), so the gap stays visible until it closes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SPEC = ROOT.parent / "shared" / "spec" / "procedures.md"
PENDING = ROOT / "tests" / "pending_rules.txt"
RULE_ID = re.compile(r"(?:PN|UN|PC|T)-\d+")
RULE_DEFINITION = re.compile(r"^- ((?:PN|UN|PC|T)-\d+) ", re.MULTILINE)


def spec_rules() -> list[str] | None:
    """Every rule id procedures.md defines, in its order; None when the file is absent."""
    if not SPEC.is_file():
        return None
    return list(dict.fromkeys(RULE_DEFINITION.findall(SPEC.read_text(encoding="utf-8"))))


def pending_rules() -> dict[str, str]:
    """tests/pending_rules.txt: `ID  reason` per line; `#` starts a comment line."""
    pending: dict[str, str] = {}
    for line in PENDING.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rule, _, reason = line.partition(" ")
        pending[rule] = reason.strip()
    return pending


def marked_rules(item: pytest.Item) -> list[str]:
    return [str(rule) for marker in item.iter_markers("rule") for rule in marker.args]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--rule-report",
        metavar="PATH",
        help="write the collected tests' procedure-rule markers to PATH as JSON",
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    path = session.config.getoption("--rule-report")
    if path:
        report = {item.nodeid: rules for item in session.items if (rules := marked_rules(item))}
        Path(path).write_text(json.dumps(report, indent=1), encoding="utf-8")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if config.getoption("--collect-only") or not PENDING.is_file():
        return
    pending = ", ".join(pending_rules())
    terminalreporter.write_line(
        f"Procedure rules pending (transcribed, no behaviour test yet): {pending or 'none'}"
    )


@pytest.fixture(autouse=True)
def _language_reset():  # type: ignore[no-untyped-def]
    """Every test starts in the default language and leaves it so.

    LocaleMiddleware and `translation.activate` set the language of the thread, and a test-client
    request leaves it set afterwards: without this reset a Hungarian page rendered by one test
    makes a lazy label in the next test on the same worker Hungarian.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def bundled_providers(db):  # type: ignore[no-untyped-def]
    """The three bundled providers with their procedures loaded, as `reclamo serve` does."""
    from reclamo.providers.models import Provider
    from reclamo.providers.services import bundled_policies_load

    bundled_policies_load()
    return {provider.slug: provider for provider in Provider.objects.all()}


@pytest.fixture
def sqlite_file_database(transactional_db, tmp_path):  # type: ignore[no-untyped-def]
    """On SQLite, move the test database to a file for the test's duration.

    The suite's SQLite test database lives in shared-cache memory, where concurrent writers get
    "table is locked" at once instead of waiting; production SQLite is a file with IMMEDIATE
    transactions and a busy timeout, which is what concurrency tests must exercise. Each new
    thread's connection opens the file (the handler builds connections from these settings).
    """
    from django.db import connection, connections

    if connection.vendor != "sqlite":
        yield
        return
    original_settings = connections.settings["default"]
    original_connection = connections["default"]
    path = tmp_path / "register.sqlite3"
    original_connection.ensure_connection()
    target = sqlite3.connect(path)
    original_connection.connection.backup(target)
    target.close()
    connections.settings["default"] = {**original_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = original_settings
        connections["default"] = original_connection
