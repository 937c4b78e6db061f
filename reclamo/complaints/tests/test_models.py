"""The register's tables keep their promises: unique numbers, one current deadline per clock,
idempotency keys unique per provider, every new word labelled."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from reclamo import labels
from reclamo.complaints.models import ComplaintDeadline, IntakeRecord
from reclamo.complaints.tests.conftest import complaint_create, provider_create
from reclamo.domain import vocabulary

DUE = datetime(2026, 12, 30, 22, 59, 59, tzinfo=UTC)


def test_every_actor_type_and_intake_outcome_has_a_label_in_order():
    assert tuple(labels.ACTOR_TYPE_LABELS) == vocabulary.ACTOR_TYPES
    assert tuple(labels.INTAKE_OUTCOME_LABELS) == vocabulary.INTAKE_OUTCOMES


@pytest.mark.django_db
def test_a_number_is_unique_within_a_provider_only():
    pronet, unitel = provider_create("pronet"), provider_create("unitel")
    complaint_create(provider=pronet, number="X-2026-000001")
    complaint_create(provider=unitel, number="X-2026-000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        complaint_create(provider=pronet, number="X-2026-000001")


def deadline(complaint, **fields) -> ComplaintDeadline:  # type: ignore[no-untyped-def]
    values = {
        "clock": "resolution",
        "due_at": DUE,
        "rule": "UN-9",
        "basis_amount": 30,
        "basis_unit": "days",
        "counted_from": "received",
        "created_at": complaint.received_at,
    }
    values.update(fields)
    return ComplaintDeadline.objects.create(complaint=complaint, **values)


@pytest.mark.django_db
def test_an_extension_supersedes_the_deadline_row_and_adds_a_new_one(complaint):
    first = deadline(complaint)
    with pytest.raises(IntegrityError), transaction.atomic():
        deadline(complaint, due_at=DUE + timedelta(days=30))

    first.superseded_at = DUE - timedelta(days=3)
    first.save(update_fields=["superseded_at"])
    deadline(complaint, due_at=DUE + timedelta(days=30), basis_amount=60)

    current = complaint.deadlines.filter(superseded_at__isnull=True)
    assert list(current.values_list("clock", "due_at")) == [
        ("resolution", DUE + timedelta(days=30))
    ]
    assert complaint.deadlines.count() == 2


@pytest.mark.django_db
def test_an_idempotency_key_is_unique_per_provider_and_optional(provider):
    other = provider_create("unitel")

    def intake(provider, key):  # type: ignore[no-untyped-def]
        return IntakeRecord.objects.create(
            provider=provider, channel="api", received_at=DUE, idempotency_key=key
        )

    intake(provider, "key-1")
    intake(other, "key-1")
    intake(provider, None)
    intake(provider, None)
    with pytest.raises(IntegrityError), transaction.atomic():
        intake(provider, "key-1")


@pytest.mark.django_db
def test_a_stored_raw_submission_is_named_by_provider_year_and_a_random_id(provider):
    record = IntakeRecord.objects.create(
        provider=provider,
        channel="email",
        received_at=DUE,
        content_type="message/rfc822",
        payload_file=ContentFile(b"From: jana@example.sk\r\n\r\nHello", name="../mail.eml"),
    )
    assert re.fullmatch(r"intake/pronet/\d{4}/[0-9a-f]{32}", record.payload_file.name)
    assert record.outcome == "pending"
