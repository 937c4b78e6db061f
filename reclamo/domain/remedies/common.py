"""What every remedy shares: its errors and the checks of its inputs."""

from __future__ import annotations

from reclamo.domain.errors import DomainError
from reclamo.domain.remedies.money import Money


class RemedyNotOffered(DomainError):
    """The provider's procedure has no such remedy (PRONET's sets none)."""

    code = "remedy_not_offered"


class RemedyInputError(DomainError):
    code = "invalid_remedy_input"


def in_currency(value: Money, currency: str, field: str) -> Money:
    """``value`` checked to be a non-negative amount in the policy's currency."""
    if value.currency != currency:
        raise RemedyInputError(
            f"{field}: {value.currency} is not this provider's currency {currency}",
            field=field,
            code="currency_mismatch",
            params={"value": value.currency, "expected": currency},
        )
    if value.is_negative:
        raise RemedyInputError(
            f"{field}: an amount cannot be negative", field=field, code="negative_amount"
        )
    return value
