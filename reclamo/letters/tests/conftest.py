"""A registered case without its acknowledgement sent, so each test sends it its own way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

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
from reclamo.letters.sms import LocmemBackend

__all__ = ["register_case"]

# 15:30 in Bucharest, 14:30 in Bratislava: local time differs from UTC in every letter.
RECEIVED = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _empty_sms_outbox() -> None:
    LocmemBackend.outbox.clear()


@pytest.fixture
def register_case(bundled_providers) -> Callable[..., Complaint]:  # type: ignore[no-untyped-def]
    def register(
        slug: str = "pronet",
        *,
        channel: str = "api",
        language: str = "ro",
        email: str = "ana@example.ro",
        phone: str = "",
        name: str = "Ana Popescu",
        subject: str = "Factura greșită",
        **facts: object,
    ) -> Complaint:
        provider = bundled_providers[slug]
        intake = intake_record_open(provider=provider, channel=channel, received_at=RECEIVED)
        submission = Submission(
            facts=CaseFacts(kind="complaint", channel=channel, received_at=RECEIVED, **facts),  # type: ignore[arg-type]
            customer=CustomerContact(name=name, email=email, phone=phone, language=language),
            subject=subject,
            body="Am fost taxată de două ori.",
        )
        registration = complaint_register(
            provider=provider,
            submission=submission,
            actor=Actor.integration("rcl_test"),
            intake=intake,
            registered_at=RECEIVED,
            acknowledge=False,
        )
        return registration.complaint

    return register
