"""Every rule of the procedures (../shared/spec/procedures.md) is referenced by at least one test.

A test cites a rule by its id, written `PN-6` or, in a test name, `PN_6`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC_CANDIDATES = [ROOT.parent / "shared" / "spec" / "procedures.md"]
RULE_DEFINITION = re.compile(r"^- ((?:PN|UN|PC|T)-\d+) ", re.MULTILINE)


def _spec() -> Path:
    for candidate in SPEC_CANDIDATES:
        if candidate.is_file():
            return candidate
    pytest.fail("../shared/spec/procedures.md not found: the suite runs beside the shared/ folder")


def _test_sources() -> str:
    files = [
        path
        for path in ROOT.glob("**/test*.py")
        if ".venv" not in path.parts and path.resolve() != Path(__file__).resolve()
    ]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def test_procedures_md_defines_the_rules() -> None:
    rules = RULE_DEFINITION.findall(_spec().read_text(encoding="utf-8"))
    assert {"PN-1", "UN-16", "PC-16", "T-6"} <= set(rules)


def test_every_rule_id_is_referenced_by_a_test() -> None:
    rules = RULE_DEFINITION.findall(_spec().read_text(encoding="utf-8"))
    sources = _test_sources()
    missing = [
        rule
        for rule in rules
        if not re.search(rf"\b{re.escape(rule)}\b|\b{rule.replace('-', '_')}(?!\d)", sources)
    ]
    assert not missing, f"rule ids no test references: {', '.join(missing)}"
