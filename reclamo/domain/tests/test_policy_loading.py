"""Loading a policy from whatever an admin uploads: every file either loads or is refused with
``file:line: field: message`` problems — never another exception, never a long wait."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reclamo.domain.policy import (
    MAX_POLICY_CHARACTERS,
    PolicyInvalid,
    PolicyProblem,
    load_policy_bytes,
    load_policy_file,
    load_policy_text,
)
from reclamo.domain.policy.yaml_reader import duplicate_keys

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"
PRONET_TEXT = (BUNDLED / "pronet.yaml").read_text(encoding="utf-8")
PRONET_LINES = PRONET_TEXT.count("\n")
# file:line: path: message, as an admin reads it.
RENDERED = re.compile(r"broken\.yaml:[0-9]+: [^:]+: .+")


def billion_laughs(levels: int = 9) -> str:
    """Nine levels of nine aliases each: 9⁹ strings once expanded, about 1 KB as text."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def problems_of(text: str) -> list[PolicyProblem]:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(text, source="broken.yaml")
    problems = caught.value.problems
    assert problems
    return problems


def test_billion_laughs_under_an_unknown_key_is_refused_at_once() -> None:
    bomb = "\n  ".join(billion_laughs().splitlines())
    text = f"{PRONET_TEXT}unknown_key:\n  {bomb}\n"
    started = time.perf_counter()
    problems = problems_of(text)
    assert time.perf_counter() - started < 1
    first = problems[0]
    assert (first.line, first.path) == (PRONET_LINES + 2, "unknown_key.a0")
    assert "anchors and aliases (&a0 / *a0) are not allowed" in first.message
    # A handful of problems say it; the rest are counted, not listed.
    assert len(problems) <= 4
    assert problems[-1].message.startswith("and ") and "more anchors or aliases" in (
        problems[-1].message
    )


def test_anchor_and_alias_in_a_real_section_are_refused_with_their_lines() -> None:
    text = PRONET_TEXT.replace("roll_to_working_day: true", "roll_to_working_day: &yes true", 1)
    text += "extra: *yes\n"
    problems = problems_of(text)
    assert [(p.path, "&yes / *yes" in p.message) for p in problems] == [
        ("roll_to_working_day", True),
        ("extra", True),
    ]


def test_a_self_referencing_alias_is_refused() -> None:
    (anchor, alias) = problems_of("a: &a [*a]\n")
    assert (anchor.line, anchor.path) == (1, "a")
    assert (alias.line, alias.path) == (1, "a[0]")


@pytest.mark.parametrize("day", ["2026-02-30", "0000-01-01", "2026-13-01"])
def test_an_impossible_effective_date_is_a_problem_at_its_line(day: str) -> None:
    text = PRONET_TEXT.replace("\neffective_from: ", f"\neffective_from: {day} # was ", 1)
    (problem,) = problems_of(text)
    assert problem.path == "effective_from"
    assert problem.line == text.splitlines().index(f"effective_from: {day} # was 2026-01-01") + 1
    assert problem.message == f"'{day}' is not a date in the calendar — check the day and the month"


@pytest.mark.parametrize(
    "where", ["x: {number}\n", "kinds: [{number}]\n", "provider: {{brand: {number}}}\n"]
)
def test_a_five_thousand_digit_number_anywhere_is_refused(where: str) -> None:
    problems = problems_of(where.format(number="9" * 5000))
    assert problems[0].line == 1
    assert "a number of 5,000 characters" in problems[0].message
    assert len(str(problems[0])) < 300


@pytest.mark.parametrize("bracket", ["[", "{a: "])
def test_twenty_thousand_levels_of_nesting_are_refused_at_once(bracket: str) -> None:
    closing = "]" if bracket == "[" else "}"
    text = "a: " + bracket * 20_000 + "1" + closing * 20_000 + "\n"
    started = time.perf_counter()
    (problem,) = problems_of(text)
    assert time.perf_counter() - started < 1
    assert problem.line == 1
    assert "nested more than 64 levels deep" in problem.message
    assert len(problem.path) < 40


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- complaint\n- request\n", "a policy is a mapping of fields"),
        ("just words\n", "a policy is a mapping of fields"),
        ("a: 1\n---\nb: 2\n", "YAML syntax error"),
        ("a: \x00\n", "a character that is not text (U+0000)"),
        ("a: !!python/object:os.system ls\n", "could not determine a constructor"),
    ],
)
def test_files_that_are_no_policy_at_all(text: str, message: str) -> None:
    (problem,) = problems_of(text)
    assert message in problem.message
    assert RENDERED.fullmatch(str(problem))


@pytest.mark.parametrize("tagged", ["!!int abc", "!!float abc", "!!timestamp abc"])
def test_a_value_yaml_cannot_construct_reaches_the_schema_as_text(tagged: str) -> None:
    text = PRONET_TEXT.replace("roll_to_working_day: true", f"roll_to_working_day: {tagged}", 1)
    (problem,) = problems_of(text)
    assert problem.path == "roll_to_working_day"
    assert problem.message == "expected true or false, got 'abc'"


def test_a_file_too_long_is_refused_before_it_is_read() -> None:
    text = PRONET_TEXT + "#" * MAX_POLICY_CHARACTERS
    started = time.perf_counter()
    (problem,) = problems_of(text)
    assert time.perf_counter() - started < 0.1
    assert problem.line == 1
    assert "a policy file may have at most 262,144" in problem.message


def test_a_long_value_is_quoted_short_in_the_message() -> None:
    text = PRONET_TEXT.replace("time_zone: Europe/Bucharest", "time_zone: " + "x" * 50_000, 1)
    (problem,) = problems_of(text)
    assert problem.path == "time_zone"
    assert len(problem.message) < 250
    assert "(50002 characters)" in problem.message


def test_thousands_of_mistakes_are_reported_as_the_first_hundred_and_a_count() -> None:
    extra = "".join(f"  unknown_{index}: 1\n" for index in range(5_000))
    text = PRONET_TEXT.replace("\nprovider:\n", f"\nprovider:\n{extra}", 1)
    started = time.perf_counter()
    problems = problems_of(text)
    assert time.perf_counter() - started < 3
    assert len(problems) == 101
    assert problems[-1].message == "and 4900 more problems — fix these first"


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"\xff\xfe\x00p\x00", 1), (bytes(range(256)), 2), (b"a: 1\nb: \xc3\x28\n", 2)],
)
def test_bytes_that_are_not_utf8_are_refused_with_their_line(data: bytes, line: int) -> None:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_bytes(data, source="upload.bin")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("upload.bin", line)
    assert "not UTF-8 text" in problem.message


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_file(path)
    assert "not UTF-8 text" in caught.value.problems[0].message


def test_the_bundled_procedures_load_from_their_bytes() -> None:
    data = (BUNDLED / "unitel.yaml").read_bytes()
    assert load_policy_bytes(data, source="unitel.yaml").slug == "unitel"


# --- properties: nothing but PolicyInvalid, whatever the text ------------------------------------


def refused_or_loaded(text: str) -> None:
    try:
        load_policy_text(text, source="fuzz.yaml")
    except PolicyInvalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.line is None or problem.line >= 1
            assert problem.message


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates().map(str),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@FUZZ
@given(st.text(max_size=300))
def test_any_text_is_loaded_or_refused_with_problems(text: str) -> None:
    refused_or_loaded(text)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_are_loaded_or_refused_with_problems(data: bytes) -> None:
    try:
        load_policy_bytes(data, source="fuzz.yaml")
    except PolicyInvalid as invalid:
        assert all(problem.file == "fuzz.yaml" for problem in invalid.problems)


@FUZZ
@given(yaml_values)
def test_any_yaml_document_is_loaded_or_refused_with_problems(value: object) -> None:
    refused_or_loaded(yaml.safe_dump(value, allow_unicode=True))


@FUZZ
@given(
    st.integers(min_value=0, max_value=len(PRONET_TEXT)),
    st.integers(min_value=0, max_value=40),
    st.text(alphabet=st.sampled_from(list("&*!:-[]{}#|>'\"0123456789 \n\tax.,?%@`")), max_size=40),
)
def test_any_edit_of_a_real_policy_is_loaded_or_refused_with_problems(
    start: int, length: int, replacement: str
) -> None:
    refused_or_loaded(PRONET_TEXT[:start] + replacement + PRONET_TEXT[start + length :])


def test_the_duplicate_key_walk_visits_a_shared_node_once() -> None:
    # Twenty levels of a node shared twice: 2**20 paths if walked as a tree. (Nodes are built by
    # hand: the reader refuses the aliases that would share them.)
    mark = yaml.error.Mark("shared.yaml", 0, 0, 0, "", 0)

    def scalar(value: str) -> yaml.ScalarNode:
        return yaml.ScalarNode("tag:yaml.org,2002:str", value, mark, mark)

    node: yaml.Node = yaml.MappingNode(
        "tag:yaml.org,2002:map", [(scalar("k"), scalar("1")), (scalar("k"), scalar("2"))], mark
    )
    for _level in range(20):
        node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node, node], mark)
    started = time.perf_counter()
    paths = [problem.path for problem in duplicate_keys(node, "shared.yaml")]
    elapsed = time.perf_counter() - started
    assert paths == ["[0]" * 20 + ".k"]
    assert elapsed < 0.1
