"""Periods are bounded: every real procedure fits; an absurd period is refused where it stands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from reclamo.domain.policy import PERIOD_LIMITS, Period, PolicyInvalid, load_policy_text

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"
PRONET_TEXT = (BUNDLED / "pronet.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "limit"),
    [
        ("3660 days", 3_660),
        ("120 months", 120),
        ("87840 hours", 87_840),
        ("87840 working hours", 87_840),
    ],
)
def test_the_longest_period_of_each_unit_is_accepted(written: str, limit: int) -> None:
    period = Period.model_validate(written)
    assert period.amount == limit == PERIOD_LIMITS[period.unit]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "3661 days",
            "3661 days is longer than any procedure needs — a period is at most 3,660 days",
        ),
        ("121 months", "a period is at most 120 months (ten years)"),
        ("87841 hours", "a period is at most 87,840 hours"),
        ("87841 working hours", "a period is at most 87,840 working hours"),
        ({"amount": 999_999_999, "unit": "days"}, "999999999 days is longer than any procedure"),
        ("9" * 5000 + " months", "5000 digits of months is longer than any procedure needs"),
    ],
)
def test_a_longer_period_is_refused(written: object, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        Period.model_validate(written)


def test_a_period_too_long_in_a_policy_is_a_problem_at_its_line() -> None:
    text = PRONET_TEXT.replace("within: 30 days", "within: {amount: 999999999, unit: days}", 1)
    with pytest.raises(PolicyInvalid) as caught:
        load_policy_text(text, source="broken.yaml")
    (problem,) = caught.value.problems
    assert problem.path == "clocks.resolution[0].within"
    assert (
        problem.line == text.splitlines().index("      within: {amount: 999999999, unit: days}") + 1
    )
    assert "longer than any procedure needs" in problem.message
