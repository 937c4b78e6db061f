"""Building blocks for the register's tests: a provider, its policy version, a case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reclamo.complaints.models import Complaint
from reclamo.providers.models import PolicyVersion, Provider

RECEIVED = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def provider_create(slug: str = "pronet") -> Provider:
    return Provider.objects.create(slug=slug, name=slug.upper())


def complaint_create(*, provider: Provider, number: str = "PN-2026-000001", **fields) -> Complaint:  # type: ignore[no-untyped-def]
    # The policy text is not parsed by these tests; the version row is what the case points to.
    version, _ = PolicyVersion.objects.get_or_create(
        provider=provider,
        checksum="0" * 64,
        defaults={
            "version": "2026-01-01",
            "effective_from": RECEIVED.date().replace(month=1, day=1),
            "source_name": f"{provider.slug}.yaml",
            "source_text": "",
        },
    )
    values = {
        "policy_version": version,
        "number": number,
        "year": 2026,
        "sequence": int(number.rsplit("-", 1)[-1]),
        "kind": "complaint",
        "treated_as": "complaint",
        "channel": "api",
        "department": "customer-care",
        "customer_name": "Jana Nováková",
        "customer_language": "sk",
        "subject": "Internet drops every evening",
        "body": "Since Monday the connection drops at about 20:00.",
        "received_at": RECEIVED,
        "registered_at": RECEIVED,
        "created_by_type": "integration",
        "created_by_label": "rcl_ab12",
    }
    values.update(fields)
    return Complaint.objects.create(provider=provider, **values)


@pytest.fixture
def provider(db):  # type: ignore[no-untyped-def]
    return provider_create()


@pytest.fixture
def complaint(provider):  # type: ignore[no-untyped-def]
    return complaint_create(provider=provider)
