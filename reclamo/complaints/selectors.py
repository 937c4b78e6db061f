"""Reads of the register. Every selector takes the provider: no query crosses tenants.

The register is read oldest first (PC-14: first in, first out), ordered by ``received_at`` then
``number``, and paged by keyset (the last row's ``(received_at, number)``), so a page costs the
same at any depth — the index ``complaint_register`` (provider, received_at, number) answers it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.domain.calendar import get_zone
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.errors import ApplicationError
from reclamo.keyset import cursor_decode, cursor_encode
from reclamo.providers.models import Provider

__all__ = [
    "RegisterFilters",
    "RegisterPage",
    "complaint_get",
    "complaint_register_page",
    "complaint_register_rows",
    "current_deadlines_prefetch",
]

MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class RegisterFilters:
    """The register's filters (api.md: status, department, kind, received between; the staff
    page adds channel, overdue and a text search). Dates are the provider's local dates,
    inclusive."""

    status: str | None = None
    department: str | None = None
    kind: str | None = None
    channel: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    overdue_at: datetime | None = None  # only cases with a current deadline before this instant
    search: str = ""


@dataclass(frozen=True, slots=True)
class RegisterPage:
    items: Sequence[Complaint]
    next: str | None  # the cursor of the next page, None on the last


def current_deadlines_prefetch(*, brief: bool = False) -> Prefetch[Any]:
    """Each case's current deadlines, nearest first; ``brief``: only which clock is due when."""
    deadlines = ComplaintDeadline.objects.filter(superseded_at__isnull=True).order_by("due_at")
    if brief:
        deadlines = deadlines.only("complaint_id", "clock", "due_at")
    return Prefetch("deadlines", queryset=deadlines, to_attr="current_deadlines")


def complaint_get(
    *, provider: Provider, number: str, with_events: bool = False
) -> Complaint | None:
    """One case of ``provider`` by its number; another provider's number is None (a 404)."""
    queryset = Complaint.objects.filter(provider=provider, number=number).select_related(
        "provider", "policy_version"
    )
    prefetches: list[Prefetch[Any]] = [current_deadlines_prefetch()]
    if with_events:
        prefetches.append(
            Prefetch(
                "events",
                queryset=ComplaintEvent.objects.order_by("at", "id").select_related("actor_user"),
                to_attr="event_list",
            )
        )
    return queryset.prefetch_related(*prefetches).first()


def _filtered(provider: Provider, filters: RegisterFilters, zone_name: str) -> QuerySet[Complaint]:
    queryset = Complaint.objects.filter(provider=provider)
    for field in ("status", "department", "kind", "channel"):
        value = getattr(filters, field)
        if value:
            queryset = queryset.filter(**{field: value})
    zone = get_zone(zone_name)
    if filters.received_from is not None:
        start = datetime.combine(filters.received_from, time.min, tzinfo=zone)
        queryset = queryset.filter(received_at__gte=start)
    if filters.received_to is not None:
        end = datetime.combine(filters.received_to + timedelta(days=1), time.min, tzinfo=zone)
        queryset = queryset.filter(received_at__lt=end)
    if filters.overdue_at is not None:
        # EXISTS, not a join: no DISTINCT, so the open-cases index gives the order and the limit.
        late = ComplaintDeadline.objects.filter(
            complaint=OuterRef("pk"), superseded_at__isnull=True, due_at__lt=filters.overdue_at
        )
        queryset = queryset.filter(Exists(late), status__in=OPEN_STATUSES)
    search = filters.search.strip()
    if search:
        queryset = queryset.filter(
            Q(number__iexact=search)
            | Q(customer_name__icontains=search)
            | Q(customer_email__iexact=search)
            | Q(subject__icontains=search)
        )
    return queryset


def complaint_register_page(
    *,
    provider: Provider,
    filters: RegisterFilters,
    cursor: str | None = None,
    limit: int = 50,
    time_zone: str = "UTC",
    fields: Sequence[str] | None = None,
) -> RegisterPage:
    """One page of the register, oldest first, with each case's current deadlines prefetched
    (``complaint.current_deadlines``, nearest first): two queries at any depth and size.

    ``fields``: load only these columns of each case (and only the clock and due instant of
    its deadlines), for a listing that shows a few of them; by default the whole case."""
    if not 1 <= limit <= MAX_PAGE:
        raise ApplicationError(
            "invalid_limit",
            f"limit must be 1 to {MAX_PAGE}, not {limit}.",
            "limit",
            status=422,
            params={"max": MAX_PAGE, "value": limit},
        )
    queryset = _filtered(provider, filters, time_zone)
    if cursor:
        received_at, number = cursor_decode(cursor, key_type=str, list_name="register")
        # `received_at >= …` is the index's range condition; the OR only sorts out the rows at
        # that very instant. Written as one OR, PostgreSQL filtered every earlier case of the
        # register (0.45 s for a deep page of a million cases).
        queryset = queryset.filter(received_at__gte=received_at).filter(
            Q(received_at__gt=received_at) | Q(number__gt=number)
        )
    queryset = queryset.order_by("received_at", "number")
    if fields is None:
        queryset = queryset.select_related("provider")
    else:
        queryset = queryset.only("received_at", "number", *fields)
    rows = list(
        queryset.prefetch_related(current_deadlines_prefetch(brief=fields is not None))[: limit + 1]
    )
    more = len(rows) > limit
    items = rows[:limit]
    return RegisterPage(
        items=items,
        next=cursor_encode(items[-1].received_at, items[-1].number) if more and items else None,
    )


def complaint_register_rows(
    *, provider: Provider, filters: RegisterFilters, time_zone: str = "UTC", chunk_size: int = 2000
) -> QuerySet[Complaint]:
    """Every case matching ``filters``, oldest first, for a streamed export: iterate it with
    ``.iterator(chunk_size=…)`` (a server-side cursor on PostgreSQL), constant memory.

    Each row carries its nearest current deadline as ``nearest_due_at`` and ``nearest_clock``
    (subqueries, so the export stays one streamed query)."""
    nearest = ComplaintDeadline.objects.filter(
        complaint=OuterRef("pk"), superseded_at__isnull=True
    ).order_by("due_at", "clock")
    return (
        _filtered(provider, filters, time_zone)
        .annotate(
            nearest_due_at=Subquery(nearest.values("due_at")[:1]),
            nearest_clock=Subquery(nearest.values("clock")[:1]),
        )
        .order_by("received_at", "number")
    )
