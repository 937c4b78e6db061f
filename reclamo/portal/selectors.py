"""Reads of the customer portal: a customer's own cases, never anyone else's.

Every query is filtered by the customer's provider **and** the customer, so another customer's
case number, or another provider's, finds nothing (the page answers 404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q

from reclamo.complaints.models import Complaint, ComplaintMessage
from reclamo.complaints.selectors import current_deadlines_prefetch
from reclamo.customers.models import Customer
from reclamo.keyset import cursor_decode, cursor_encode
from reclamo.letters.models import Delivery
from reclamo.portal.models import SignupMail

__all__ = [
    "CasePage",
    "TimelineEntry",
    "case_timeline",
    "customer_case_get",
    "customer_case_page",
    "signup_mail_limit_reached",
]


@dataclass(frozen=True, slots=True)
class CasePage:
    items: list[Complaint]
    next: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # "acknowledgement", "message_out", "message_in"
    item: Any


def customer_case_page(
    *, customer: Customer, cursor: str | None = None, limit: int = 20
) -> CasePage:
    """The customer's cases, newest first, with their current deadlines (two queries at any
    depth: keyset on (received_at, number), served by the index on the customer column)."""
    queryset = Complaint.objects.filter(provider_id=customer.provider_id, customer=customer)
    if cursor:
        received_at, number = cursor_decode(cursor, key_type=str, list_name="register")
        queryset = queryset.filter(received_at__lte=received_at).filter(
            Q(received_at__lt=received_at) | Q(number__lt=number)
        )
    rows = list(
        queryset.order_by("-received_at", "-number").prefetch_related(current_deadlines_prefetch())[
            : limit + 1
        ]
    )
    items = rows[:limit]
    more = len(rows) > limit
    return CasePage(
        items=items,
        next=cursor_encode(items[-1].received_at, items[-1].number) if more and items else None,
    )


def customer_case_get(*, customer: Customer, number: str) -> Complaint | None:
    """One of the customer's cases by its number; anyone else's is None."""
    if "\x00" in number:
        return None
    return (
        Complaint.objects.filter(provider_id=customer.provider_id, customer=customer, number=number)
        .select_related("provider", "policy_version")
        .prefetch_related(current_deadlines_prefetch())
        .first()
    )


def case_timeline(*, complaint: Complaint) -> list[TimelineEntry]:
    """What was sent to the customer about the case (acknowledgements, messages out) and what
    they wrote (messages in), oldest first: two queries."""
    entries = [
        TimelineEntry(at=d.sent_at or d.created_at, kind=d.kind, item=d)
        for d in Delivery.objects.filter(complaint=complaint)
    ]
    entries += [
        TimelineEntry(at=m.at, kind=f"message_{m.direction}", item=m)
        for m in ComplaintMessage.objects.filter(complaint=complaint)
    ]
    return sorted(entries, key=lambda entry: entry.at)


def signup_mail_limit_reached(*, email: str, client_address: str, now: datetime) -> str | None:
    """Which sign-up limit a new mail would break: "email" (too many to this address), "client"
    (too many asked for from this client address), or None. Counting stops at the limit."""
    since = now - settings.RECLAMO_PORTAL_SIGNUP_WINDOW
    recent = SignupMail.objects.filter(sent_at__gte=since)
    limit: int = settings.RECLAMO_PORTAL_SIGNUP_LIMIT_PER_EMAIL
    if len(recent.filter(email=email).values_list("pk", flat=True)[:limit]) >= limit:
        return "email"
    limit = settings.RECLAMO_PORTAL_SIGNUP_LIMIT_PER_CLIENT
    if client_address and (
        len(recent.filter(client_address=client_address).values_list("pk", flat=True)[:limit])
        >= limit
    ):
        return "client"
    return None
