"""Money: exact amounts in one currency, rounded half up to cents once (STYLE.md rule 3)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from reclamo.domain.remedies import Money, MoneyError, Working, parse_amount, round_cents
from reclamo.domain.remedies.working import FormulaError


def test_arithmetic_stays_within_one_currency() -> None:
    assert Money("1.10", "EUR") + Money("2.20", "EUR") == Money(Decimal("3.30"), "EUR")
    assert Money("2.00", "EUR") * 3 == Money("6.00", "EUR")
    with pytest.raises(MoneyError, match="EUR with RON"):
        Money("1.00", "EUR") + Money("1.00", "RON")
    with pytest.raises(MoneyError):
        Money("1.00", "euro")


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(1, 200), "0.01"),
        (Fraction(1, 300), "0.00"),
        (Decimal("2.675"), "2.68"),
        (Decimal("-2.675"), "-2.68"),
        (Fraction(2, 3), "0.67"),
    ],
)
def test_rounding_is_half_up_to_cents(value: Fraction | Decimal, rounded: str) -> None:
    assert round_cents(value) == Decimal(rounded)


@pytest.mark.parametrize("text", ["1e3", "12,90", "12.901", "", "NaN", " 1 000"])
def test_amounts_are_written_with_a_dot_and_at_most_two_decimals(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_amount(text, field="monthly_fee")


def test_working_evaluates_only_arithmetic_over_its_inputs() -> None:
    working = Working(("UN-13",), "a * floor(b / c)", (("a", Decimal("2.5")), ("b", Decimal(7))))
    with pytest.raises(FormulaError, match="unknown input"):
        working.result()
    for formula in ("__import__('os')", "a ** 2", "a.real", "1.5"):
        with pytest.raises(FormulaError):
            Working((), formula, (("a", Decimal(1)),)).result()
    good = Working((), "a * floor(b / 2)", (("a", Decimal("2.5")), ("b", Decimal(7))))
    assert good.result() == Decimal("7.50")
    assert good.rendered() == "2.5 × floor(7 ÷ 2)"
    assert good.as_data()["result"] == "7.50"
