"""Money: an exact ``Decimal`` amount with its currency (STYLE.md rule 3).

A float never becomes money here: ``Money(0.1, "EUR")`` raises, as does multiplying by a float,
because a binary fraction cannot hold cents exactly. Arithmetic is only within one currency.
Amounts are kept exact while a remedy is worked out; rounding (``ROUND_HALF_UP`` to cents)
happens once, on the figure answered, through :func:`round_cents`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from reclamo.domain.errors import DomainError

CENT = Decimal("0.01")
_CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)
_AMOUNT = re.compile(r"-?\d{1,12}(?:\.\d{1,2})?", re.ASCII)


class MoneyError(DomainError):
    code = "invalid_money"


def _exact(value: object, what: str) -> Decimal:
    if isinstance(value, (bool, float)):
        raise TypeError(f"{what} must be a Decimal, an int or a decimal string, not a float")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError(f"{what} must be a finite amount, not {value}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            found = Decimal(value)
        except InvalidOperation:
            raise MoneyError(f"{what}: {value!r} is not an amount") from None
        if not found.is_finite():
            raise MoneyError(f"{what}: {value!r} is not an amount")
        return found
    raise TypeError(f"{what} must be a Decimal, an int or a decimal string, not {type(value)}")


def parse_amount(text: str, *, field: str) -> Decimal:
    """An amount as customers and billing systems write it: digits, a dot, at most two decimals
    (``"20.00"``, ``"20"``). Refuses floats' exponents, thousands separators and commas."""
    if not _AMOUNT.fullmatch(text.strip()):
        raise MoneyError(
            f"{field}: {text!r} is not an amount — write digits, a dot and at most two "
            'decimals, e.g. "12.90"',
            field=field,
            params={"value": repr(text)[:80]},
        )
    return Decimal(text.strip())


def round_cents(value: Fraction | Decimal) -> Decimal:
    """``value`` rounded half up (away from zero) to cents: the one rounding of a figure."""
    exact = Fraction(value)
    cents = abs(exact) * 100
    whole = int(cents)
    if cents - whole >= Fraction(1, 2):
        whole += 1
    rounded = Decimal(whole if exact >= 0 else -whole) / 100
    return rounded.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. ``Money("20.00", "EUR")``; never from a float."""

    amount: Decimal
    currency: str

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise MoneyError(f"{currency!r} is not a currency code (ISO 4217, e.g. EUR)")
        object.__setattr__(self, "amount", _exact(amount, "amount"))
        object.__setattr__(self, "currency", currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal("0.00"), currency)

    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * _exact(factor, "factor"), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    def rounded(self) -> Money:
        return Money(round_cents(self.amount), self.currency)

    def __str__(self) -> str:
        """``"20.00"``: the amount as the API and letters write it (currency apart)."""
        return str(round_cents(self.amount))
