"""What an outage is worth to the customer (UN-13, PC-6, PC-7; nothing when UN-5/PC-8 apply).

Readings adopted (``shared/spec/procedures.md``); an outage is counted to the whole second:

- UN-13 "pro rata by hours": the billing month is the calendar month in the provider's time zone,
  and its hours are the hours that really elapse in it (743 in March, 745 in October across DST).
  An outage spanning two months is split at the local month boundary; each part is the share of
  its own month; the parts are added exactly and rounded once.
- PC-6 "daily share × whole days": the monthly fee ÷ the days of the month the outage *began*,
  × the whole 24-hour periods of the outage, once it lasted *more than* ``threshold_hours``
  (exactly 24 h gives nothing).
- PC-7 a fault on the provider's equipment: the threshold grows by the repair time
  (``equipment_fault_extra_hours``: 24 h + 48 h), and the whole days are counted after those
  48 h.
- A cause on the customer's side (UN-5, PC-8) is credited nothing, with the rule that says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from reclamo.domain.calendar import first_of_next_month, require_aware
from reclamo.domain.policy import Policy
from reclamo.domain.remedies.common import RemedyInputError, RemedyNotOffered, in_currency
from reclamo.domain.remedies.money import Money, round_cents
from reclamo.domain.remedies.working import Working
from reclamo.domain.vocabulary import OUTAGE_CAUSES, OutageCause

__all__ = ["OUTAGE_CAUSES", "MonthShare", "OutageCause", "OutageCredit", "outage_credit"]


_HOUR = 3600
_DAY = 86400


@dataclass(frozen=True, slots=True)
class MonthShare:
    """One billing month's part of a pro-rata refund (UN-13)."""

    year: int
    month: int
    seconds_without_service: int
    hours_in_month: int


@dataclass(frozen=True, slots=True)
class OutageCredit:
    amount: Money  # rounded to cents, never negative
    whole_days: int  # whole 24-hour periods credited (PC-6/PC-7); whole days of the outage (UN-13)
    seconds: int  # the outage's length
    rules: tuple[str, ...]
    working: Working
    months: tuple[MonthShare, ...] = ()


def _month_start(first: date, zone: ZoneInfo) -> datetime:
    return datetime(first.year, first.month, 1, tzinfo=zone).astimezone(UTC)


def month_shares(start: datetime, end: datetime, time_zone: str) -> tuple[MonthShare, ...]:
    """The outage ``[start, end)`` split at the local month boundaries of ``time_zone``."""
    zone = ZoneInfo(time_zone)
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    local = start_utc.astimezone(zone)
    month = local.date().replace(day=1)
    shares: list[MonthShare] = []
    while True:
        begins = _month_start(month, zone)
        following = first_of_next_month(month)
        ends = _month_start(following, zone)
        # UTC instants: subtracting aware datetimes of one ZoneInfo would ignore DST.
        part = min(end_utc, ends) - max(start_utc, begins)
        hours_in_month = (ends - begins) // timedelta(hours=1)
        shares.append(
            MonthShare(month.year, month.month, int(part.total_seconds()), hours_in_month)
        )
        if end_utc <= ends:
            return tuple(shares)
        month = following


def outage_credit(
    policy: Policy,
    *,
    monthly_fee: Money,
    start: datetime,
    end: datetime,
    cause: OutageCause,
) -> OutageCredit:
    """The credit for one outage of one service under ``policy``."""
    rule = policy.remedies.outage_credit
    if rule is None:
        raise RemedyNotOffered(
            f"the procedure of {policy.slug} sets no credit for an outage",
            field="slug",
            params={"remedy": "outage_credit"},
        )
    fee = in_currency(monthly_fee, policy.currency, "monthly_fee")
    # Outages are counted to the whole second (network logs' resolution).
    start = require_aware(start, field="outage_start").replace(microsecond=0)
    end = require_aware(end, field="outage_end").replace(microsecond=0)
    if end <= start:
        raise RemedyInputError(
            "outage_end is not after outage_start", field="outage_end", code="end_not_after_start"
        )
    seconds = int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds())
    currency = policy.currency

    if cause == "customer":
        taken = rule.customer_caused_rule or rule.rule
        working = Working(
            rules=(taken,),
            formula="0",
            inputs=(("monthly_fee", fee.amount),),
            notes=("customer_caused",),
        )
        return OutageCredit(Money.zero(currency), 0, seconds, (taken,), working)

    if rule.method == "pro_rata_hours":  # UN-13
        months = month_shares(start, end, policy.time_zone)
        inputs: list[tuple[str, Decimal]] = [("monthly_fee", fee.amount)]
        terms: list[str] = []
        exact = Fraction(0)
        for index, share in enumerate(months, start=1):
            inputs += [
                (f"seconds_without_service_{index}", Decimal(share.seconds_without_service)),
                (f"hours_in_month_{index}", Decimal(share.hours_in_month)),
            ]
            terms.append(
                f"monthly_fee * (seconds_without_service_{index} / 3600) / hours_in_month_{index}"
            )
            exact += (
                Fraction(fee.amount)
                * Fraction(share.seconds_without_service, _HOUR)
                / share.hours_in_month
            )
        notes = ("split_at_month_end",) if len(months) > 1 else ()
        working = Working((rule.rule,), " + ".join(terms), tuple(inputs), notes=notes)
        amount = Money(round_cents(exact), currency)
        return OutageCredit(amount, seconds // _DAY, seconds, (rule.rule,), working, months)

    # PC-6, with PC-7 for a fault on the provider's equipment.
    equipment = cause == "provider_equipment" and rule.equipment_fault_extra_hours > 0
    named = (rule.rule, rule.equipment_rule or rule.rule) if equipment else (rule.rule,)
    rules: tuple[str, ...] = tuple(dict.fromkeys(named))
    uncounted = rule.equipment_fault_extra_hours if equipment else 0
    threshold = rule.threshold_hours + uncounted
    local_start = start.astimezone(ZoneInfo(policy.time_zone))
    days_in_month = calendar.monthrange(local_start.year, local_start.month)[1]
    inputs = [
        ("monthly_fee", fee.amount),
        ("days_in_month", Decimal(days_in_month)),
        ("outage_seconds", Decimal(seconds)),
        ("uncounted_hours", Decimal(uncounted)),
    ]
    if seconds <= threshold * _HOUR:
        inputs.append(("threshold_hours", Decimal(threshold)))
        working = Working(rules, "0", tuple(inputs), notes=("not_more_than_threshold",))
        return OutageCredit(Money.zero(currency), 0, seconds, rules, working)
    whole_days = (seconds - uncounted * _HOUR) // _DAY
    working = Working(
        rules,
        "monthly_fee / days_in_month * floor((outage_seconds - uncounted_hours * 3600) / 86400)",
        tuple(inputs),
    )
    exact = Fraction(fee.amount) / days_in_month * whole_days
    return OutageCredit(Money(round_cents(exact), currency), whole_days, seconds, rules, working)
