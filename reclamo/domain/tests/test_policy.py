"""The policy format: the bundled procedures load and round-trip, and their shared values (versions,
zones, languages, citations, hours) read back as written; one module per provider holds
its rules."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.calendar import WeeklyWindow
from reclamo.domain.policy import (
    Policy,
    WeeklyHours,
    load_policy_file,
    load_policy_text,
)

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "reclamo" / "providers" / "policies"
MAGYARNET = ROOT / "tests" / "policies" / "magyarnet-hu.yaml"
BRATISLAVA = ZoneInfo("Europe/Bratislava")
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture(scope="module")
def pronet() -> Policy:
    return load_policy_file(BUNDLED / "pronet.yaml")


@pytest.fixture(scope="module")
def unitel() -> Policy:
    return load_policy_file(BUNDLED / "unitel.yaml")


@pytest.fixture(scope="module")
def petrocomp() -> Policy:
    return load_policy_file(BUNDLED / "petrocomp.yaml")


def hours_of(hours: WeeklyHours | None) -> dict[str, str]:
    assert hours is not None
    return hours.model_dump()


# --- the bundled files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "slug"),
    [("pronet.yaml", "pronet"), ("unitel.yaml", "unitel"), ("petrocomp.yaml", "petrocomp")],
)
def test_bundled_policy_loads(file: str, slug: str) -> None:
    policy = load_policy_file(BUNDLED / file)
    assert policy.slug == slug


@pytest.mark.parametrize("path", [*sorted(BUNDLED.glob("*.yaml")), MAGYARNET])
def test_policy_survives_a_round_trip_through_json(path: Path) -> None:
    policy = load_policy_file(path)
    dumped = policy.model_dump(mode="json", by_alias=True)
    assert Policy.model_validate(dumped) == policy


def test_fourth_provider_loads_with_no_code_change() -> None:
    policy = load_policy_file(MAGYARNET)
    assert (policy.slug, policy.country, policy.time_zone, policy.currency) == (
        "magyarnet",
        "HU",
        "Europe/Budapest",
        "HUF",
    )
    assert policy.languages == ["hu", "en"]
    assert policy.department_slugs == ("ugyfelszolgalat",)
    clock = policy.clocks.resolution[0]
    assert (str(clock.within), clock.from_) == ("30 days", "received")
    assert all(c.written for c in policy.channels if "complaint" in c.accepts)


def test_the_documented_example_loads() -> None:
    text = (ROOT / "docs" / "policy-format.md").read_text(encoding="utf-8")
    example = text.rsplit("```yaml\n", 1)[1].split("```", 1)[0]
    policy = load_policy_text(example, source="docs/policy-format.md")
    assert policy.slug == "magyarnet"


def test_versions_and_effective_dates(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert (unitel.version, unitel.effective_from, unitel.effective_until) == (
        "2020-07-01",
        date(2020, 7, 1),
        None,
    )
    assert (petrocomp.version, petrocomp.effective_from) == ("2015-01-01", date(2015, 1, 1))
    assert pronet.is_in_force(date(2026, 11, 21))
    assert not petrocomp.is_in_force(date(2014, 12, 31))


def test_registration_numbers(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert petrocomp.format_registration_number(year=2026, seq=42) == "PC-2026-000042"
    assert pronet.format_registration_number(year=2026, seq=1) == "PN-2026-000001"
    assert unitel.format_registration_number(year=2027, seq=123456) == "UN-2027-123456"


def test_every_provider_rolls_to_working_day(
    pronet: Policy, unitel: Policy, petrocomp: Policy
) -> None:
    # T-2
    assert (
        pronet.roll_to_working_day and unitel.roll_to_working_day and petrocomp.roll_to_working_day
    )


def test_zones_currencies_and_languages(pronet: Policy, unitel: Policy, petrocomp: Policy) -> None:
    assert (pronet.country, pronet.time_zone, pronet.currency, pronet.languages) == (
        "RO",
        "Europe/Bucharest",
        "RON",
        ["ro"],
    )
    assert (unitel.time_zone, unitel.currency, unitel.languages) == (
        "Europe/Bratislava",
        "EUR",
        ["sk", "hu"],
    )
    assert (petrocomp.time_zone, petrocomp.currency, petrocomp.languages) == (
        "Europe/Bratislava",
        "EUR",
        ["sk"],
    )


def test_unitel_handles_complaints_in_slovak_only_and_says_so_in_hungarian(unitel: Policy) -> None:
    assert unitel.complaint_languages == ["sk"]
    notice = unitel.complaint_language_notice
    assert notice is not None
    assert notice.root["hu"] == "A panaszkezelés jelenleg kizárólag szlovák nyelven érhető el."
    assert "slovenskom" in notice.root["sk"]


def test_texts_fall_back_to_the_default_language(unitel: Policy, pronet: Policy) -> None:
    technical = unitel.department("technical")
    assert technical is not None
    assert unitel.text(technical.name, "hu") == "Műszaki osztály"
    assert unitel.text(technical.name, "ro") == "Technické oddelenie"  # no ro: default sk
    payments = pronet.department("payments")
    assert payments is not None
    assert pronet.text(payments.name, "en") == "Payments Department"


def test_legal_citations_replaced_since(unitel: Policy, petrocomp: Policy) -> None:
    # procedures.md: both SK texts cite acts that were later replaced; staff see a warning.
    (unitel_act,) = unitel.outdated_citations(date(2026, 11, 21))
    assert (unitel_act.act.reference, unitel_act.replaced_on, unitel_act.in_force) == (
        "351/2011 Z. z.",
        date(2022, 2, 1),
        "452/2021 Z. z.",
    )
    assert unitel.outdated_citations(date(2022, 1, 31)) == []
    (petrocomp_act,) = petrocomp.outdated_citations(date(2026, 11, 21))
    assert petrocomp_act.act.reference == "610/2003 Z. z."
    assert petrocomp_act.act.provisions == ["§ 44"]
    assert petrocomp_act.in_force == "452/2021 Z. z."
    # Act 610/2003 was already replaced (by 351/2011) when the procedure took effect.
    (in_2015,) = petrocomp.outdated_citations(date(2015, 1, 1))
    assert (in_2015.replaced_on, in_2015.in_force) == (date(2011, 11, 1), "351/2011 Z. z.")


def test_weekly_hours_become_calendar_windows() -> None:
    hours = WeeklyHours.model_validate({"mon-fri": "09:00-17:30", "sat": "closed"})
    assert hours.weekly_windows()[0] == WeeklyWindow(0, time(9), time(17, 30))
    assert len(hours.weekly_windows()) == 5
    non_stop = WeeklyHours.model_validate("non-stop")
    assert non_stop.is_non_stop
    assert non_stop.weekly_windows()[6] == WeeklyWindow(6, time(0), None)  # 24:00
    assert WeeklyHours.model_validate({"mon-sun": "00:00-24:00"}) == non_stop
    assert WeeklyHours.model_validate({"mon - fri": ["09:00-17:30"]}) == WeeklyHours.model_validate(
        {"mon-fri": "09:00-17:30", "sat-sun": "closed"}
    )
    split = WeeklyHours.model_validate({"sat,sun": "09:00-12:00, 13:00-17:00"})
    assert split.model_dump() == {
        "mon-fri": "closed",
        "sat-sun": "09:00-12:00, 13:00-17:00",
    }
