"""The working of a remedy: the inputs, the formula, the rule ids and the rounding, as data.

Staff pages, the API and letters render it; tests evaluate it. The formula is a small arithmetic
expression over the named inputs (``+ - * /``, brackets, ``floor(…)``); :meth:`Working.result`
evaluates it exactly (rational arithmetic, no float, no intermediate rounding) and rounds once, as
``rounding`` says. Every remedy function computes its figure on its own and returns a working that
must reproduce it — the property tests check that they agree.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from reclamo.domain.remedies.money import round_cents

# cents_half_up: money, ROUND_HALF_UP to 0.01 (STYLE.md rule 3); whole_up: a count of whole units
# in the customer's favour (days of an extended prepaid period); exact: no rounding.
Rounding = Literal["cents_half_up", "whole_up", "exact"]

_SYMBOLS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
_RANK = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}


class FormulaError(ValueError):
    """A formula uses something other than the inputs, whole numbers, + − × ÷ and floor()."""


def _floor(value: Fraction) -> Fraction:
    return Fraction(value.numerator // value.denominator)


def _ceil(value: Fraction) -> Fraction:
    return Fraction(-(-value.numerator // value.denominator))


def _evaluate(node: ast.AST, inputs: Mapping[str, Fraction]) -> Fraction:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, inputs)
    if isinstance(node, ast.BinOp) and type(node.op) in _SYMBOLS:
        left, right = _evaluate(node.left, inputs), _evaluate(node.right, inputs)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise FormulaError("division by zero")
        return left / right
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, inputs)
    if isinstance(node, ast.Name):
        if node.id not in inputs:
            raise FormulaError(f"unknown input {node.id!r}")
        return inputs[node.id]
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return Fraction(node.value)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "floor"
        and len(node.args) == 1
        and not node.keywords
    ):
        return _floor(_evaluate(node.args[0], inputs))
    raise FormulaError(f"not allowed in a formula: {ast.dump(node)[:60]}")


@dataclass(frozen=True, slots=True)
class Working:
    """How a figure was reached. ``inputs`` are exact values (money in the currency's units)."""

    rules: tuple[str, ...]
    formula: str
    inputs: tuple[tuple[str, Decimal], ...]
    rounding: Rounding = "cents_half_up"
    # Readings applied, as stable codes the Django side words (e.g. "below_threshold").
    notes: tuple[str, ...] = field(default=())

    @property
    def values(self) -> dict[str, Decimal]:
        return dict(self.inputs)

    def exact(self) -> Fraction:
        """The formula evaluated exactly over the inputs."""
        tree = ast.parse(self.formula, mode="eval")
        return _evaluate(tree, {name: Fraction(value) for name, value in self.inputs})

    def result(self) -> Decimal:
        """The figure the working gives, rounded once as ``rounding`` says."""
        exact = self.exact()
        if self.rounding == "cents_half_up":
            return round_cents(exact)
        if self.rounding == "whole_up":
            return Decimal(int(_ceil(exact)))
        if exact.denominator == 1:
            return Decimal(exact.numerator)
        return Decimal(exact.numerator) / Decimal(exact.denominator)

    def rendered(self) -> str:
        """The formula with the input values in place: ``20.00 × 30 ÷ 744``."""
        values = self.values

        def text(node: ast.AST) -> str:
            if isinstance(node, ast.BinOp):
                rank = _RANK[type(node.op)]
                left, right = text(node.left), text(node.right)
                if isinstance(node.left, ast.BinOp) and _RANK[type(node.left.op)] < rank:
                    left = f"({left})"
                if isinstance(node.right, ast.BinOp) and (
                    _RANK[type(node.right.op)] < rank
                    or (
                        _RANK[type(node.right.op)] == rank
                        and isinstance(node.op, (ast.Sub, ast.Div))
                    )
                ):
                    right = f"({right})"
                return f"{left} {_SYMBOLS[type(node.op)]} {right}"
            if isinstance(node, ast.UnaryOp):
                return f"−{text(node.operand)}"
            if isinstance(node, ast.Name):
                return str(values[node.id])
            if isinstance(node, ast.Constant):
                return str(node.value)
            if isinstance(node, ast.Call):
                return f"floor({text(node.args[0])})"
            raise FormulaError(ast.dump(node)[:60])

        return text(ast.parse(self.formula, mode="eval").body)

    def as_data(self) -> dict[str, object]:
        """The working as plain data for the API and letters (amounts as strings)."""
        return {
            "rules": list(self.rules),
            "formula": self.formula,
            "inputs": {name: str(value) for name, value in self.inputs},
            "rendered": self.rendered(),
            "rounding": self.rounding,
            "notes": list(self.notes),
            "result": str(self.result()),
        }
