"""Every rule of ../shared/spec/procedures.md is proved by a marked test, or listed as pending.

A test proves a rule by carrying `@pytest.mark.rule("UN-9")`; a mention in a name or a comment
does not count. Rules transcribed into the policies but not implemented yet are listed, with a
reason, in tests/pending_rules.txt; once a rule has a marked test its pending line must go.
The markers are read from a collection run of the whole suite (conftest.py's `--rule-report`),
so the answer does not depend on which tests this run selected.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PENDING, ROOT, RULE_ID, SPEC, pending_rules, spec_rules


@pytest.fixture(scope="module")
def rules() -> list[str]:
    found = spec_rules()
    if found is None:
        pytest.skip(f"{SPEC} is absent: the procedures' rule list lies beside the repository")
    return found


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Rule id → the node ids of the tests marked with it, over the whole suite."""
    report = tmp_path_factory.mktemp("rules") / "rules.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--rule-report={report}",
            "reclamo",
            "tests",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"collecting the suite failed:\n{done.stdout}\n{done.stderr}"
    by_rule: dict[str, set[str]] = {}
    for nodeid, ids in json.loads(report.read_text(encoding="utf-8")).items():
        for rule in ids:
            by_rule.setdefault(rule, set()).add(nodeid)
    return by_rule


def test_procedures_md_defines_the_rules(rules: list[str]) -> None:
    assert {"PN-1", "UN-16", "PC-16", "T-6"} <= set(rules)
    assert len(rules) == len(set(rules))


def test_every_marker_names_a_rule_of_the_procedures(
    rules: list[str], marked: dict[str, set[str]]
) -> None:
    unknown = {rule: sorted(tests) for rule, tests in marked.items() if rule not in rules}
    assert not unknown, f"markers with ids procedures.md does not define: {unknown}"


def test_pending_rules_are_rules_of_the_procedures_with_a_reason(rules: list[str]) -> None:
    pending = pending_rules()
    assert all(RULE_ID.fullmatch(rule) for rule in pending), list(pending)
    assert not set(pending) - set(rules), f"{PENDING.name} names unknown rules"
    assert all(pending.values()), f"every line of {PENDING.name} gives a reason"


def test_every_rule_is_proved_by_a_marked_test_or_pending(
    rules: list[str], marked: dict[str, set[str]]
) -> None:
    pending = pending_rules()
    missing = [rule for rule in rules if rule not in marked and rule not in pending]
    assert not missing, (
        f"rules no marked test proves and {PENDING.name} does not list: {', '.join(missing)} — "
        'mark the test that proves each with @pytest.mark.rule("…"), or list it as pending'
    )


def test_no_pending_rule_has_a_marked_test(marked: dict[str, set[str]]) -> None:
    done = {rule: sorted(marked[rule]) for rule in pending_rules() if rule in marked}
    assert not done, f"these rules now have marked tests, delete them from {PENDING.name}: {done}"
