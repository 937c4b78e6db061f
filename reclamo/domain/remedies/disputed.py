"""A disputed bill after a device defect (UN-15, UN-16, PC-16): the average the customer pays,
the 3 × threshold, the excess they may defer or split, and its instalment schedule.

Readings adopted (api.md "Remedies", ``shared/spec/procedures.md``):

- The average is over the last ``average_months`` (6) complete billing periods before the disputed
  one. A service used for fewer periods, but more than ``shorter_history_more_than_months`` (1),
  is averaged over all of its periods (from ``first_period``). One period or none: the text sets
  no average, so nothing is computed (``history_too_short``).
- Every period the average needs must be in the history (a missing invoice is not a zero).
- The amount is compared with the exact threshold (3 × the exact average); "exceeds" is strict, so
  an amount exactly at the threshold may not be deferred.
- The excess is the disputed amount minus the average (what the customer may defer until the
  investigation of the provider's equipment ends, or pay in instalments).
- Instalments: ``min_instalments`` monthly parts in whole cents, the remainder on the last. Part
  *k* falls due on the last day of the *k*-th month after the disputed period, or, where the
  first due day is given, monthly from it (T-3: the same day number, else the month's last day).
- Each figure answered is rounded once, half up to cents; the instalments split the rounded excess.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from reclamo.domain.calendar import months_later
from reclamo.domain.policy import Policy
from reclamo.domain.remedies.common import RemedyInputError, RemedyNotOffered, in_currency
from reclamo.domain.remedies.money import CENT, Money, round_cents
from reclamo.domain.remedies.working import Working

_PERIOD = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class BillingPeriod:
    """A billing month, ``YYYY-MM``."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str, *, field: str) -> BillingPeriod:
        match = _PERIOD.fullmatch(text) if isinstance(text, str) else None
        if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
            raise RemedyInputError(
                f"{field}: {text!r} is not a billing period; write YYYY-MM, e.g. 2026-11",
                field=field,
                code="invalid_period",
                params={"value": repr(text)[:80]},
            )
        return cls(int(match[1]), int(match[2]))

    def plus(self, months: int) -> BillingPeriod:
        index = self.year * 12 + self.month - 1 + months
        return BillingPeriod(index // 12, index % 12 + 1)

    def months_until(self, later: BillingPeriod) -> int:
        return (later.year - self.year) * 12 + later.month - self.month

    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Instalment:
    due: date
    amount: Money


@dataclass(frozen=True, slots=True)
class DisputedBillAnswer:
    average: Money
    threshold: Money
    excess: Money
    deferral_allowed: bool
    min_instalments: int
    instalments: tuple[Instalment, ...]
    periods: tuple[BillingPeriod, ...]  # the periods averaged
    rules: tuple[str, ...]
    average_working: Working
    threshold_working: Working
    excess_working: Working


def instalment_schedule(
    excess: Money, count: int, *, after: BillingPeriod, first_due: date | None = None
) -> tuple[Instalment, ...]:
    """``excess`` (in whole cents) in ``count`` monthly parts, the remainder on the last."""
    if count < 1:
        raise RemedyInputError("at least one instalment", code="invalid_instalments")
    cents = int(round_cents(excess.amount) * 100)
    if cents < 0:
        raise RemedyInputError("a negative excess cannot be split", code="negative_amount")
    part = cents // count
    amounts = [part] * (count - 1) + [cents - part * (count - 1)]
    dues = [
        months_later(first_due, k) if first_due is not None else after.plus(k + 1).last_day()
        for k in range(count)
    ]
    return tuple(
        Instalment(due, Money((Decimal(cents_) * CENT).quantize(CENT), excess.currency))
        for due, cents_ in zip(dues, amounts, strict=True)
    )


def disputed_bill(
    policy: Policy,
    *,
    history: Mapping[BillingPeriod, Money],
    disputed_amount: Money,
    disputed_period: BillingPeriod,
    first_period: BillingPeriod,
    first_due: date | None = None,
) -> DisputedBillAnswer:
    rule = policy.remedies.disputed_bill
    if rule is None:
        raise RemedyNotOffered(
            f"the procedure of {policy.slug} sets no rule for a disputed bill",
            field="slug",
            params={"remedy": "disputed_bill"},
        )
    currency = policy.currency
    disputed = in_currency(disputed_amount, currency, "disputed_amount")
    if first_period >= disputed_period:
        raise RemedyInputError(
            "first_period must be before disputed_period",
            field="first_period",
            code="first_period_not_before_disputed",
        )
    for period, amount in history.items():
        in_currency(amount, currency, f"history.{period}")
        if period < first_period:
            raise RemedyInputError(
                f"history.{period}: before the first period of use {first_period}",
                field="history",
                code="period_before_first",
                params={"value": str(period), "expected": str(first_period)},
            )
    used = first_period.months_until(disputed_period)
    if used <= rule.shorter_history_more_than_months:
        raise RemedyInputError(
            f"the service was used for {used} complete period(s); the procedure averages "
            f"over more than {rule.shorter_history_more_than_months}",
            field="first_period",
            code="history_too_short",
            params={"value": used, "expected": rule.shorter_history_more_than_months},
        )
    count = min(used, rule.average_months)
    periods = tuple(disputed_period.plus(-k) for k in range(count, 0, -1))
    missing = [str(period) for period in periods if period not in history]
    if missing:
        raise RemedyInputError(
            f"history: the average needs the periods {', '.join(missing)}",
            field="history",
            code="history_incomplete",
            params={"value": ", ".join(missing)},
        )
    rules = tuple(dict.fromkeys((rule.rule, rule.instalments_rule)))
    names = [f"amount_{str(period).replace('-', '_')}" for period in periods]
    inputs = tuple(
        (name, history[period].amount) for name, period in zip(names, periods, strict=True)
    )
    total = " + ".join(names)
    average_formula = f"({total}) / {count}" if count > 1 else total
    exact_average = sum((Fraction(history[p].amount) for p in periods), Fraction(0)) / count
    multiplier = Fraction(rule.threshold_multiplier)
    exact_threshold = exact_average * multiplier
    exceeds = Fraction(disputed.amount) > exact_threshold  # UN-16: "presiahne", strictly
    factor = ("multiplier", rule.threshold_multiplier)
    average_working = Working((rule.rule,), average_formula, inputs)
    threshold_working = Working(
        (rule.instalments_rule,), f"multiplier * ({average_formula})", (*inputs, factor)
    )
    if exceeds:
        excess_exact = Fraction(disputed.amount) - exact_average
        excess_working = Working(
            (rule.instalments_rule,),
            f"disputed_amount - ({average_formula})",
            (*inputs, ("disputed_amount", disputed.amount)),
        )
    else:
        excess_exact = Fraction(0)
        excess_working = Working(
            (rule.instalments_rule,),
            "0",
            (("disputed_amount", disputed.amount), factor),
            notes=("not_above_threshold",),
        )
    excess = Money(round_cents(excess_exact), currency)
    instalments = (
        instalment_schedule(
            excess, rule.min_instalments, after=disputed_period, first_due=first_due
        )
        if exceeds
        else ()
    )
    return DisputedBillAnswer(
        average=Money(round_cents(exact_average), currency),
        threshold=Money(round_cents(exact_threshold), currency),
        excess=excess,
        deferral_allowed=exceeds,
        min_instalments=rule.min_instalments,
        instalments=instalments,
        periods=periods,
        rules=rules,
        average_working=average_working,
        threshold_working=threshold_working,
        excess_working=excess_working,
    )
