"""What the remedy tests share: the bundled policies, and copies with a filled-in price list."""

from __future__ import annotations

from decimal import Decimal

from reclamo.domain.policy import Policy, load_policy_text
from reclamo.domain.remedies import Money
from reclamo.domain.tests.deadline_helpers import BUNDLED


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def priced(name: str, replacements: dict[str, str]) -> Policy:
    """A bundled policy whose price list the provider has filled in (the texts give no prices)."""
    text = (BUNDLED / f"{name}.yaml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return load_policy_text(text, source=f"{name}-priced.yaml")


_UNITEL_REPAIR = """      unit: per_km
      amount: "0.40"
    - code: repair-hour
      rule: UN-5
      name:
        sk: Odstránenie poruchy zavinenej zákazníkom (hodina)
        hu: Az ügyfél által okozott hiba elhárítása (óra)
        en: Repair of a customer-caused fault (hour)
      unit: per_hour
      amount: "25.00"
"""
UNITEL_PRICED = priced(
    "unitel",
    {"      unit: per_km\n      amount: null  # provider to fill\n": _UNITEL_REPAIR},
)
PETROCOMP_PRICED = priced(
    "petrocomp",
    {
        "      unit: per_trip\n      amount: null  # provider to fill": (
            '      unit: per_trip\n      amount: "15.00"'
        )
    },
)
