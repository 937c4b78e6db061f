"""Reads of the billing data, always within one provider."""

from __future__ import annotations

from reclamo.billing.models import OutageCredit
from reclamo.domain.remedies import Money, Working, outage_credit
from reclamo.providers.selectors import policy_in_force, policy_of


def outage_credit_working(*, credit: OutageCredit) -> Working:
    """The working of a stored credit (inputs, formula, rules, rounding), recomputed from its
    outage and the monthly fee it was computed on — the same figure, shown step by step."""
    outage = credit.outage
    policy = policy_of(policy_in_force(provider=outage.provider, at=outage.started_at))
    computed = outage_credit(
        policy,
        monthly_fee=Money(credit.monthly_fee, credit.currency),
        start=outage.started_at,
        end=outage.ended_at,
        cause=outage.cause,  # type: ignore[arg-type]
    )
    return computed.working
