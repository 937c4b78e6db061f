"""The console's test building blocks: signed-in staff and cases registered as a channel would."""

from __future__ import annotations

from datetime import datetime

import pytest

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.complaints.services import (
    CustomerContact,
    Submission,
    complaint_register,
    intake_record_open,
)
from reclamo.domain.deadlines import CaseFacts
from reclamo.providers.models import Provider


def case_register(
    provider: Provider,
    *,
    received_at: datetime,
    channel: str = "api",
    kind: str = "complaint",
    name: str = "Ana Popescu",
    subject: str = "Factura greșită",
    **facts: object,
) -> Complaint:
    intake = intake_record_open(
        provider=provider, channel=channel, received_at=received_at, payload={"test": True}
    )
    submission = Submission(
        facts=CaseFacts(kind=kind, channel=channel, received_at=received_at, **facts),  # type: ignore[arg-type]
        customer=CustomerContact(name=name, email="ana@example.ro", language="ro"),
        subject=subject,
        body="Am fost taxată de două ori.",
    )
    return complaint_register(
        provider=provider, submission=submission, actor=Actor.integration("rcl_test"), intake=intake
    ).complaint


@pytest.fixture
def pronet(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["pronet"]


@pytest.fixture
def staff_client(client, pronet):  # type: ignore[no-untyped-def]
    """A client signed in as a complaint handler of ProNet, reading English."""
    client.force_login(ProviderStaffFactory(provider=pronet))
    return client
