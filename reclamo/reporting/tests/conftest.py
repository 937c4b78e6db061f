"""Building blocks for the reports' tests: cases with the fields casework would have set."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any

import pytest

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.domain.calendar import get_zone
from reclamo.providers.models import PolicyVersion, Provider

_numbers = count(1)
BUCHAREST = get_zone("Europe/Bucharest")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant given as Bucharest wall time (pronet's zone)."""
    return datetime(year, month, day, hour, minute, tzinfo=BUCHAREST)


def case_create(
    provider: Provider,
    *,
    received_at: datetime,
    resolution_due: datetime | None = None,
    extended_due: datetime | None = None,
    **fields: Any,
) -> Complaint:
    """A case as the register and case handling would leave it; ``resolution_due`` is its
    resolution deadline, ``extended_due`` the extension that superseded it (UN-9)."""
    version = PolicyVersion.objects.filter(provider=provider).order_by("effective_from").first()
    sequence = next(_numbers)
    values: dict[str, Any] = {
        "policy_version": version,
        "number": f"R-{sequence:06d}",
        "year": received_at.year,
        "sequence": sequence,
        "kind": "complaint",
        "treated_as": "complaint",
        "channel": "web",
        "department": "commercial",
        "customer_name": "Ana Popescu",
        "customer_language": "ro",
        "subject": "Factura",
        "body": "Factura greșită.",
        "received_at": received_at,
        "registered_at": received_at,
        "created_by_type": "integration",
        "status": "resolved" if fields.get("statement_sent_at") else "in_progress",
    }
    values.update(fields)
    case = Complaint.objects.create(provider=provider, **values)
    if resolution_due is not None:
        ComplaintDeadline.objects.create(
            complaint=case,
            clock="resolution",
            due_at=resolution_due,
            rule="PN-5",
            basis_amount=30,
            basis_unit="days",
            counted_from="received",
            created_at=received_at,
            superseded_at=received_at + timedelta(days=1) if extended_due else None,
        )
    if extended_due is not None:
        ComplaintDeadline.objects.create(
            complaint=case,
            clock="resolution",
            due_at=extended_due,
            rule="UN-9",
            basis_amount=60,
            basis_unit="days",
            counted_from="received",
            created_at=received_at + timedelta(days=1),
        )
    return case


@pytest.fixture
def pronet(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["pronet"]


@pytest.fixture
def unitel(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["unitel"]


@pytest.fixture(autouse=True)
def _cache_clear():  # type: ignore[no-untyped-def]
    """The public page keeps its quarters in the cache: no test sees another's figures."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
