"""The billing data's audit trail: one ``BillingEvent`` per import or computation, written in the
transaction of the change it records."""

from __future__ import annotations

from typing import Any

from django.db import connection

from reclamo.billing.models import BillingEvent
from reclamo.providers.models import Provider


class WriteOutsideTransaction(RuntimeError):
    """A part of a write called on its own: its rows could commit without the rest, or without
    the event that records them."""


def transaction_required(what: str) -> None:
    """Refuse to run ``what`` (a part of a write) outside the caller's ``transaction.atomic()``."""
    if not connection.in_atomic_block:
        raise WriteOutsideTransaction(f"{what} runs inside the caller's transaction.atomic()")


def billing_event_record(
    *, provider: Provider, actor: str, type: str, data: dict[str, Any]
) -> None:
    BillingEvent.objects.create(provider=provider, actor=actor, type=type, data=data)
