"""Refused policies: every problem is reported, located by line and field path, with a hint."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reclamo.domain.policy import PolicyInvalid, PolicyProblem, load_policy_file, load_policy_text

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"

PRONET_TEXT = (BUNDLED / "pronet.yaml").read_text(encoding="utf-8")


def line_of(text: str, snippet: str) -> int:
    """1-based line of the first line containing ``snippet``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} not in text")


def problems_of(text: str) -> list[PolicyProblem]:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(text, source="broken.yaml")
    assert caught.value.code == "policy_invalid"
    return caught.value.problems


def edited(old: str, new: str, text: str = PRONET_TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_wrong_type_is_refused_with_line_and_path() -> None:
    text = edited("roll_to_working_day: true", "roll_to_working_day: maybe")
    (problem,) = problems_of(text)
    assert (problem.file, problem.line, problem.path) == (
        "broken.yaml",
        line_of(text, "roll_to_working_day: maybe"),
        "roll_to_working_day",
    )
    assert "true or false" in problem.message


def test_unknown_department_in_a_route() -> None:
    text = edited(
        "{categories: [billing], department: payments}",
        "{categories: [billing], department: billing}",
    )
    (problem,) = problems_of(text)
    assert problem.line == line_of(text, "department: billing}")
    assert problem.path == "routing.routes[2].department"
    assert problem.message.startswith("unknown department 'billing'")
    assert "declared departments: technical, customer-relations, payments" in problem.message


def test_overlapping_hours() -> None:
    text = edited(
        '      mon-fri: "09:00-17:30"\n',
        '      mon-fri: "09:00-17:30"\n      fri: "17:00-19:00"\n',
    )
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, 'fri: "17:00-19:00"'),
        "departments[2].hours.fri",
    )
    assert "overlaps" in problem.message


def test_hours_closing_before_opening() -> None:
    text = edited('mon-sat: "09:00-21:00"', 'mon-sat: "21:00-09:00"')
    (problem,) = problems_of(text)
    assert problem.path == "channels[0].locations[0].hours.mon-sat"
    assert problem.line == line_of(text, '"21:00-09:00"')
    assert "closes before it opens" in problem.message


def test_menu_digit_used_twice() -> None:
    text = edited("{digit: 2, department: payments}", "{digit: 1, department: payments}")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, "{digit: 1, department: payments}"),
        "channels[1].menu[1].digit",
    )
    assert "menu digit 1 is used twice" in problem.message


def test_missing_language_text() -> None:
    # ProNET's texts are in ro and en; declaring en as a public language makes it required.
    text = edited("      en: Payments Department\n", "")
    text = edited("\nlanguages: [ro]\n", "\nlanguages: [ro, en]\n", text)
    text = edited("complaint_languages: [ro]\n", "complaint_languages: [ro, en]\n", text)
    (problem,) = problems_of(text)
    assert problem.path == "departments[2].name"
    assert problem.line == line_of(text, "ro: Departamentul Plăți") - 1
    assert problem.message.startswith("missing text in en")


def test_missing_language_everywhere_is_reported_text_by_text() -> None:
    text = edited("\nlanguages: [ro]\n", "\nlanguages: [ro, hu]\n")
    problems = problems_of(text)
    assert len(problems) > 20
    assert len({p.line for p in problems}) == len(problems)
    assert {"departments[0].name", "escalation.notice", "complaint_language_notice"} <= {
        p.path for p in problems
    }


def test_float_money_is_refused() -> None:
    text = edited(
        "  items: []  # the text names no priced item",
        "  items:\n    - code: trip\n      name: {ro: Deplasare, en: Trip}\n      unit: per_km\n"
        "      amount: 12.5\n",
    )
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (
        line_of(text, "amount: 12.5"),
        "price_list.items[0].amount",
    )
    assert "quoted decimal string" in problem.message
    good = load_policy_text(edited("amount: 12.5", 'amount: "12.50"', text), source="ok.yaml")
    assert good.price_list.items[0].amount == Decimal("12.50")


def test_bad_time_zone() -> None:
    text = edited("time_zone: Europe/Bucharest", "time_zone: Europe/Bucarest")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "Europe/Bucarest"), "time_zone")
    assert "did you mean 'Europe/Bucharest'" in problem.message


def test_bad_currency_and_country() -> None:
    text = edited("\ncurrency: RON\n", "\ncurrency: lei\n")
    text = edited("country: RO\nt", "country: Romania\nt", text)
    paths = {p.path for p in problems_of(text)}
    assert paths == {"currency", "country"}


def test_yaml_syntax_error_has_a_line() -> None:
    text = edited("  legal_name: ProNET Soluții IT SRL", "  legal_name: [ProNET Soluții IT SRL")
    (problem,) = problems_of(text)
    # The parser stops on the next line; the message points back to where the list began.
    assert problem.line == line_of(text, "legal_name: [ProNET") + 1
    assert problem.message.startswith("YAML syntax error")
    assert f"started on line {line_of(text, 'legal_name: [ProNET')}" in problem.message


def test_yaml_indentation_error_has_a_line() -> None:
    text = edited("  brand: ProNET\n", "   brand: ProNET\n")
    (problem,) = problems_of(text)
    assert problem.line == line_of(text, "   brand: ProNET")
    assert problem.message.startswith("YAML syntax error")


def test_unknown_field_suggests_the_right_one() -> None:
    text = edited("  brand: ProNET\n", "  brand: ProNET\n  brnd: ProNET\n")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "brnd:"), "provider.brnd")
    assert "did you mean 'brand'" in problem.message


def test_missing_field() -> None:
    text = edited("\ncurrency: RON\n", "\n")
    (problem,) = problems_of(text)
    assert problem.path == "currency"
    assert problem.message == "required field 'currency' is missing"


def test_duplicate_key() -> None:
    text = edited("  brand: ProNET\n", "  brand: ProNET\n  brand: Other\n")
    (problem,) = problems_of(text)
    assert (problem.line, problem.path) == (line_of(text, "brand: Other"), "provider.brand")
    assert "appears twice" in problem.message


def test_channel_that_neither_accepts_nor_refuses_a_kind() -> None:
    text = edited(
        "    accepts: [complaint, fault_report, request]\n    url: https://clienti",
        "    accepts: [complaint, request]\n    url: https://clienti",
    )
    (problem,) = problems_of(text)
    assert problem.path == "channels[4].refusals"
    assert "neither accepts nor refuses 'fault_report'" in problem.message


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = edited("roll_to_working_day: true", "roll_to_working_day: maybe")
    text = edited("time_zone: Europe/Bucharest", "time_zone: Mars/Olympus", text)
    text = edited("{digit: 2, department: payments}", "{digit: one, department: payments}", text)
    text = edited('      mon-fri: "09:00-17:30"\n', '      mon-fri: "9-17"\n', text)
    paths = {p.path for p in problems_of(text)}
    assert paths == {
        "roll_to_working_day",
        "time_zone",
        "channels[1].menu[1].digit",
        "departments[2].hours.mon-fri",
    }


def test_cross_references_are_all_reported() -> None:
    text = edited(
        "{categories: [billing], department: payments}",
        "{categories: [billing], department: plati}",
    )
    text = edited(
        "{digit: 3, department: customer-relations}", "{digit: 3, department: clients}", text
    )
    text = edited(
        "{email: plati@pronetit.ro, department: payments}",
        "{email: plati@pronetit.ro, department: pay}",
        text,
    )
    paths = {p.path for p in problems_of(text)}
    assert paths == {
        "routing.routes[2].department",
        "channels[1].menu[2].department",
        "channels[2].addresses[2].department",
    }


def test_problem_renders_file_line_and_path() -> None:
    problem = PolicyProblem("x.yaml", 7, "departments[1].hours.sat", "is wrong")
    assert str(problem) == "x.yaml:7: departments[1].hours.sat: is wrong"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_file(tmp_path / "missing.yaml")
    assert "cannot read" in caught.value.problems[0].message


def test_a_city_name_in_a_language_that_is_not_a_code_is_refused() -> None:
    unitel = (BUNDLED / "unitel.yaml").read_text(encoding="utf-8")
    text = edited("city_names: {hu: Gúta}  #", "city_names: {Hungarian: Gúta}  #", unitel)
    (problem,) = problems_of(text)
    assert problem.path.startswith("provider.registered_office.city_names"), problem
    assert problem.line == line_of(text, "city_names: {Hungarian")


def test_an_address_without_city_names_still_loads() -> None:
    # Files written before city_names existed keep loading unchanged.
    unitel = (BUNDLED / "unitel.yaml").read_text(encoding="utf-8")
    policy = load_policy_text(unitel.replace("city_names: {hu: Gúta}", ""), source="old.yaml")
    office = policy.provider.registered_office
    assert office is not None and office.city_names == {}
    assert office.city_in("hu") == ("Kolárovo", None)
