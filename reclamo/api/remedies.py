"""Remedies over HTTP (api.md "Remedies"): what an outage is worth, and what a customer with a
disputed bill pays now, may defer, or may split.

Both compute only — nothing is stored — under the procedure in force when the outage began, or
at the start of the disputed period. The figures come from ``reclamo.domain.remedies``; each
answer adds (docs/api-additions.md) the policy version and the working — inputs, formula, rule
ids and rounding — that a letter or a staff page renders.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, own_provider
from reclamo.api.deadline_preview import PolicyRef
from reclamo.api.errors import ApiError
from reclamo.api.types import Amount, BillingPeriodText, Instant, LocalDate
from reclamo.billing.selectors import credits_page
from reclamo.domain.calendar import get_zone
from reclamo.domain.remedies import (
    BillingPeriod,
    Money,
    OutageCause,
    disputed_bill,
    outage_credit,
)
from reclamo.providers.models import PolicyVersion
from reclamo.providers.selectors import policy_in_force, policy_of

router = Router(tags=["remedies"])
token_auth = IntegrationTokenAuth()

CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class WorkingOut(Schema):
    """How a figure was reached: evaluate `formula` over `inputs` exactly, round as `rounding`."""

    rules: list[str]
    formula: str
    inputs: dict[str, str]
    rendered: str
    rounding: Literal["cents_half_up", "whole_up", "exact"]
    notes: list[str]
    result: str


class OutageCreditIn(Schema):
    monthly_fee: Amount
    outage_start: Instant
    outage_end: Instant
    cause: OutageCause
    # Addition: where given, it must be the provider's currency (the fee is in it).
    currency: CurrencyCode | None = None


class OutageCreditOut(Schema):
    amount: str
    currency: str
    whole_days: int
    rules: list[str]
    policy: PolicyRef
    hours: str
    working: WorkingOut


class HistoryItem(Schema):
    period: BillingPeriodText
    amount: Amount


class DisputedBillIn(Schema):
    history: list[HistoryItem] = Field(max_length=600)
    disputed_amount: Amount
    disputed_period: BillingPeriodText
    first_period: BillingPeriodText
    # Addition: the first instalment's due day (then monthly); by default the last day of each
    # month after the disputed period.
    first_due: LocalDate | None = None
    currency: CurrencyCode | None = None


class InstalmentOut(Schema):
    due: date
    amount: str


class DisputedBillWorkingOut(Schema):
    average: WorkingOut
    threshold: WorkingOut
    excess: WorkingOut


class DisputedBillOut(Schema):
    average: str
    threshold: str
    excess: str
    deferral_allowed: bool
    min_instalments: int
    instalments: list[InstalmentOut]
    currency: str
    rules: list[str]
    periods: list[str]
    policy: PolicyRef
    working: DisputedBillWorkingOut


def _policy_ref(version: PolicyVersion, slug: str) -> dict[str, str]:
    return {"provider": slug, "version": version.version}


def _money(amount: Decimal, currency: str | None, policy_currency: str) -> Money:
    if currency is not None and currency != policy_currency:
        raise ApiError(
            422,
            "currency_mismatch",
            f"currency: {currency} is not this provider's currency {policy_currency}.",
            "currency",
            params={"value": currency, "expected": policy_currency},
        )
    return Money(amount, policy_currency)


@router.post(
    "/providers/{slug}/remedies/outage-credit",
    response=OutageCreditOut,
    auth=token_auth,
    summary="What an outage is worth to the customer (UN-13, PC-6, PC-7)",
)
def outage_credit_endpoint(
    request: HttpRequest, slug: str, payload: OutageCreditIn
) -> dict[str, Any]:
    """UN-13 (UNITEL): the fee × hours without service ÷ hours in that billing month, month by
    month. PC-6/PC-7 (PETROCOMP): the daily share of the fee × whole days, after more than 24 h
    (a fault on equipment: 24 h + 48 h, days counted after the first 48 h). `cause: customer`
    gives zero with the rule that says so (UN-5, PC-8). A provider whose procedure sets no such
    credit answers `422 remedy_not_offered`.
    """
    provider = own_provider(request, slug)
    version = policy_in_force(provider=provider, at=payload.outage_start)
    policy = policy_of(version)
    fee = _money(payload.monthly_fee, payload.currency, policy.currency)
    credit = outage_credit(
        policy,
        monthly_fee=fee,
        start=payload.outage_start,
        end=payload.outage_end,
        cause=payload.cause,
    )
    hours = (Decimal(credit.seconds) / 3600).quantize(Decimal("0.01"))
    return {
        "amount": str(credit.amount),
        "currency": credit.amount.currency,
        "whole_days": credit.whole_days,
        "rules": list(credit.rules),
        "policy": _policy_ref(version, provider.slug),
        "hours": str(hours),
        "working": credit.working.as_data(),
    }


@router.post(
    "/providers/{slug}/remedies/disputed-bill",
    response=DisputedBillOut,
    auth=token_auth,
    summary="A disputed bill: the average, the 3 × threshold, deferral and instalments",
)
def disputed_bill_endpoint(
    request: HttpRequest, slug: str, payload: DisputedBillIn
) -> dict[str, Any]:
    """UN-15/UN-16, PC-16: the average of the last 6 complete periods before the disputed one
    (all of them when more than 1 and fewer than 6), 3 × that average as the threshold; above it,
    the excess over the average may be deferred or paid in `min_instalments` monthly parts in
    whole cents, the remainder on the last. Every figure is rounded half up to cents, once.
    """
    provider = own_provider(request, slug)
    disputed_period = BillingPeriod.parse(payload.disputed_period, field="disputed_period")
    first_period = BillingPeriod.parse(payload.first_period, field="first_period")
    at = datetime(disputed_period.year, disputed_period.month, 1, 12, tzinfo=UTC)
    version = policy_in_force(provider=provider, at=at)
    policy = policy_of(version)
    currency = policy.currency
    history: dict[BillingPeriod, Money] = {}
    for index, item in enumerate(payload.history):
        period = BillingPeriod.parse(item.period, field=f"history.{index}.period")
        if period in history:
            raise ApiError(
                422,
                "duplicate_period",
                f"history.{index}.period: {item.period} is listed twice.",
                f"history.{index}.period",
                params={"value": item.period},
            )
        history[period] = _money(item.amount, payload.currency, currency)
    answer = disputed_bill(
        policy,
        history=history,
        disputed_amount=_money(payload.disputed_amount, payload.currency, currency),
        disputed_period=disputed_period,
        first_period=first_period,
        first_due=payload.first_due,
    )
    return {
        "average": str(answer.average),
        "threshold": str(answer.threshold),
        "excess": str(answer.excess),
        "deferral_allowed": answer.deferral_allowed,
        "min_instalments": answer.min_instalments,
        "instalments": [
            {"due": instalment.due, "amount": str(instalment.amount)}
            for instalment in answer.instalments
        ],
        "currency": currency,
        "rules": list(answer.rules),
        "periods": [str(period) for period in answer.periods],
        "policy": _policy_ref(version, provider.slug),
        "working": {
            "average": answer.average_working.as_data(),
            "threshold": answer.threshold_working.as_data(),
            "excess": answer.excess_working.as_data(),
        },
    }


# The credits export for the billing system (issue 13) -------------------------------------------


class CreditLineOut(Schema):
    id: int
    recorded_at: datetime
    customer_reference: str | None
    remedy: str
    method: str
    amount: str
    currency: str
    due_on: date
    invoice_number: str
    case_number: str | None
    outage_reference: str | None
    rules: list[str]


class CreditsOut(Schema):
    items: list[CreditLineOut]
    next: str | None


@router.get(
    "/providers/{slug}/credits",
    response=CreditsOut,
    auth=token_auth,
    summary="Applied credits, refunds, instalments and charges, for the billing system",
)
def credits_list(
    request: HttpRequest,
    slug: str,
    since: Instant | None = None,
    limit: int = 100,
    cursor: Annotated[str, Field(max_length=400)] | None = None,
) -> dict[str, Any]:
    """Every line of every applied remedy recorded at or after `since` (an instant with its
    offset), oldest first: the customer's reference, the amount and currency, the day it is
    credited, due or refunded, the invoice it is set against, the case number or the outage.
    `limit` 1–1000; `cursor` is the previous page's `next` (keyset: any page costs the same)."""
    provider = own_provider(request, slug)
    zone = policy_in_force(provider=provider, at=timezone.now()).time_zone
    page = credits_page(provider=provider, since=since, cursor=cursor, limit=limit)
    local = get_zone(zone)
    items = [
        {
            **item,
            "recorded_at": item["recorded_at"].astimezone(local),
            "amount": str(item["amount"]),
            "rules": item["rules"].split(",") if item["rules"] else [],
        }
        for item in page.items
    ]
    return {"items": items, "next": page.next}
