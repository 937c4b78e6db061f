"""A wrongly billed amount given back (UN-14): credited over the next invoices, each absorbing at
most its own amount, until all is returned; or, by agreement, an extended prepaid period; or, for
a one-time service, a refund.

Readings adopted: the invoices are taken in the order given (the billing system's order of
issue); what the given invoices cannot absorb stays ``outstanding`` for later ones. A prepaid
period is extended by the days the amount buys at the daily share of the monthly fee (the fee ÷
the days of the month the prepaid period ends in, as PC-6 counts a day), rounded up to a whole
day in the customer's favour.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from reclamo.domain.policy import Policy
from reclamo.domain.remedies.common import RemedyInputError, RemedyNotOffered, in_currency
from reclamo.domain.remedies.money import Money
from reclamo.domain.remedies.working import Working


@dataclass(frozen=True, slots=True)
class InvoiceDue:
    """A coming invoice a credit may be set against: its reference and its amount."""

    reference: str
    amount: Money


@dataclass(frozen=True, slots=True)
class CreditLine:
    reference: str
    credit: Money


@dataclass(frozen=True, slots=True)
class CreditSchedule:
    amount: Money
    lines: tuple[CreditLine, ...]
    outstanding: Money  # not yet absorbed by the invoices given
    rules: tuple[str, ...]
    working: Working


@dataclass(frozen=True, slots=True)
class PrepaidExtension:
    amount: Money
    paid_until: date
    extended_until: date
    days: int
    rules: tuple[str, ...]
    working: Working


@dataclass(frozen=True, slots=True)
class Refund:
    amount: Money
    rules: tuple[str, ...]
    working: Working


def _rule(policy: Policy) -> str:
    correction = policy.remedies.billing_correction
    if correction is None:
        raise RemedyNotOffered(
            f"the procedure of {policy.slug} sets no billing correction",
            field="slug",
            params={"remedy": "billing_correction"},
        )
    return correction.rule


def credit_over_invoices(
    policy: Policy, *, amount: Money, invoices: Sequence[InvoiceDue], rule: str | None = None
) -> CreditSchedule:
    """UN-14: credit ``amount`` on the next invoices, each absorbing at most its own amount.

    ``rule`` names the rule the amount is owed under when it is not a billing correction (an
    outage credit of PC-6 set against the next invoice the same way); by default UN-14's."""
    rule = rule or _rule(policy)
    owed = in_currency(amount, policy.currency, "amount")
    remaining = owed.amount
    lines: list[CreditLine] = []
    for index, invoice in enumerate(invoices):
        billed = in_currency(invoice.amount, policy.currency, f"invoices[{index}].amount")
        if remaining <= 0:
            break
        credit = min(remaining, billed.amount)
        lines.append(CreditLine(invoice.reference, Money(credit, policy.currency)))
        remaining -= credit
    names = [f"credit_{index}" for index in range(1, len(lines) + 1)]
    inputs = (
        *((name, line.credit.amount) for name, line in zip(names, lines, strict=True)),
        ("outstanding", remaining),
    )
    working = Working((rule,), " + ".join([*names, "outstanding"]), inputs)
    return CreditSchedule(owed, tuple(lines), Money(remaining, policy.currency), (rule,), working)


def prepaid_extension(
    policy: Policy, *, amount: Money, monthly_fee: Money, paid_until: date
) -> PrepaidExtension:
    """UN-14 "by agreement": the prepaid period lengthened by the days ``amount`` pays for."""
    rule = _rule(policy)
    correction = policy.remedies.billing_correction
    if correction is None or not correction.prepaid_extension_by_agreement:
        raise RemedyNotOffered(
            f"the procedure of {policy.slug} offers no extension of a prepaid period",
            field="method",
            params={"remedy": "prepaid_extension"},
        )
    owed = in_currency(amount, policy.currency, "amount")
    fee = in_currency(monthly_fee, policy.currency, "monthly_fee")
    if fee.amount == 0:
        raise RemedyInputError(
            "monthly_fee: a free service has no prepaid period to extend",
            field="monthly_fee",
            code="zero_fee",
        )
    days_in_month = calendar.monthrange(paid_until.year, paid_until.month)[1]
    working = Working(
        (rule,),
        "amount / (monthly_fee / days_in_month)",
        (
            ("amount", owed.amount),
            ("monthly_fee", fee.amount),
            ("days_in_month", Decimal(days_in_month)),
        ),
        rounding="whole_up",
    )
    days = int(working.result())
    return PrepaidExtension(
        owed, paid_until, paid_until + timedelta(days=days), days, (rule,), working
    )


def one_time_refund(policy: Policy, *, amount: Money) -> Refund:
    """UN-14: a wrongly billed one-time service is refunded in full."""
    rule = _rule(policy)
    owed = in_currency(amount, policy.currency, "amount")
    return Refund(owed.rounded(), (rule,), Working((rule,), "amount", (("amount", owed.amount),)))
