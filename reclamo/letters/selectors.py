"""Reads of the letters sent to customers, always within one provider."""

from __future__ import annotations

from django.db.models import QuerySet

from reclamo.letters.models import Delivery
from reclamo.providers.models import Provider


def deliveries_failed(*, provider: Provider) -> QuerySet[Delivery]:
    """The provider's case letters that could not be delivered, the longest waiting first, with
    their case (index ``delivery_due`` finds the failed rows)."""
    return (
        Delivery.objects.filter(status="failed", complaint__provider=provider)
        .select_related("complaint")
        .order_by("updated_at", "pk")
    )


def delivery_get(*, provider: Provider, delivery_id: int) -> Delivery | None:
    """One delivery of ``provider``'s register with its case; another provider's is None."""
    return (
        Delivery.objects.filter(pk=delivery_id, complaint__provider=provider)
        .select_related("complaint")
        .first()
    )
