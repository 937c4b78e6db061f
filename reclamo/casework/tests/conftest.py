"""Cases registered as a channel would, for case-handling tests."""

from __future__ import annotations

from datetime import datetime

import pytest

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
    provider: Provider, *, received_at: datetime, channel: str = "letter", **facts: object
) -> Complaint:
    intake = intake_record_open(
        provider=provider, channel=channel, received_at=received_at, payload={"test": True}
    )
    submission = Submission(
        facts=CaseFacts(kind="complaint", channel=channel, received_at=received_at, **facts),  # type: ignore[arg-type]
        customer=CustomerContact(name="Ján Novák", email="jan@example.sk", language="sk"),
        subject="Výpadok služby",
        body="Internet nefunguje.",
    )
    return complaint_register(
        provider=provider, submission=submission, actor=Actor.system("test"), intake=intake
    ).complaint


@pytest.fixture
def petrocomp(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["petrocomp"]
