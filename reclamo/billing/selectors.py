"""Reads of the billing data, always within one provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from reclamo.billing.models import AppliedRemedy, OutageCredit, RemedyLine
from reclamo.complaints.models import Complaint
from reclamo.domain.remedies import Money, Working, outage_credit
from reclamo.errors import ApplicationError
from reclamo.keyset import cursor_decode, cursor_encode
from reclamo.providers.models import Provider
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


def applied_remedy_of(*, complaint: Complaint) -> AppliedRemedy | None:
    """The remedy applied in ``complaint``, its lines prefetched; None before one is applied."""
    return AppliedRemedy.objects.filter(complaint=complaint).prefetch_related("lines").first()


# The credits export (issue 13) ------------------------------------------------------------------

CREDIT_COLUMNS = (
    "id",
    "recorded_at",
    "customer_reference",
    "remedy",
    "method",
    "amount",
    "currency",
    "due_on",
    "invoice_number",
    "case_number",
    "outage_reference",
    "rules",
)
CREDIT_FIELDS = (
    "pk",
    "recorded_at",
    "remedy__customer__reference",
    "remedy__kind",
    "method",
    "amount",
    "currency",
    "due_on",
    "invoice_number",
    "remedy__complaint__number",
    "remedy__outage__reference",
    "remedy__rules",
)


@dataclass(frozen=True, slots=True)
class CreditsPage:
    items: list[dict[str, Any]]
    next: str | None


def credit_rows(*, provider: Provider, since: datetime | None) -> Any:
    """The provider's remedy lines recorded at or after ``since``, oldest first."""
    rows = RemedyLine.objects.filter(provider=provider)
    if since is not None:
        rows = rows.filter(recorded_at__gte=since)
    return rows.order_by("recorded_at", "pk")


def credits_page(
    *, provider: Provider, since: datetime | None, cursor: str | None = None, limit: int = 100
) -> CreditsPage:
    """One page of the provider's remedy lines recorded at or after ``since``, oldest first;
    keyset on ``(recorded_at, id)`` (index ``remedy_line_export``), so any page costs one query."""
    if not 1 <= limit <= 1000:
        raise ApplicationError(
            "out_of_range", "limit must be between 1 and 1000.", "limit", status=422
        )
    rows = credit_rows(provider=provider, since=since)
    if cursor:
        at, pk = cursor_decode(cursor, key_type=int, list_name="export")
        rows = rows.filter(Q(recorded_at__gt=at) | Q(recorded_at=at, pk__gt=pk))
    values = list(rows.values_list(*CREDIT_FIELDS)[: limit + 1])
    more = len(values) > limit
    items = [dict(zip(CREDIT_COLUMNS, row, strict=True)) for row in values[:limit]]
    last = items[-1] if more and items else None
    return CreditsPage(
        items, cursor_encode(last["recorded_at"], last["id"]) if last is not None else None
    )


def outage_credit_letters_failed(*, provider: Provider) -> QuerySet[AppliedRemedy]:
    """The provider's letters of automatic outage credits that could not be sent, oldest credit
    first, with the customer and the outage (partial index ``remedy_letter_failed``)."""
    return (
        AppliedRemedy.objects.filter(provider=provider, letter_status="failed")
        .select_related("customer", "outage")
        .order_by("pk")
    )
