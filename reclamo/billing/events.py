"""The billing data's audit trail: one ``BillingEvent`` per import or computation, written in the
transaction of the change it records."""

from __future__ import annotations

from typing import Any

from reclamo.billing.models import BillingEvent
from reclamo.providers.models import Provider


def billing_event_record(
    *, provider: Provider, actor: str, type: str, data: dict[str, Any]
) -> None:
    BillingEvent.objects.create(provider=provider, actor=actor, type=type, data=data)
