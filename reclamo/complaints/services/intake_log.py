"""The intake log: every submission stored as it arrived, before it is parsed, with what became
of it and the answer given, so a repeated Idempotency-Key replays that answer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.providers.models import Provider

__all__ = [
    "idempotency_keys_purge",
    "intake_record_close",
    "intake_record_open",
    "intake_record_reclaim",
]


def intake_record_open(
    *,
    provider: Provider,
    channel: str,
    received_at: datetime,
    source_label: str = "",
    payload: Any = None,
    payload_text: str = "",
    content_type: str = "",
    idempotency_key: str | None = None,
    request_fingerprint: str = "",
    payload_file: File | None = None,
) -> IntakeRecord:
    """Store a raw submission as it arrived, committed before anything parses it.

    Raises ``IntegrityError`` when ``idempotency_key`` is already taken for the provider (the
    API then replays or refuses the first submission's answer). ``payload_file`` (a letter's
    scan, a large message) is stored under the data directory with the record.
    """
    record = IntakeRecord(
        provider=provider,
        channel=channel,
        received_at=received_at,
        source_label=source_label[:255],
        payload=payload,
        payload_text=payload_text,
        content_type=content_type[:100],
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
    )
    if payload_file is not None:
        record.payload_file.save(payload_file.name or "payload", payload_file, save=False)
    if transaction.get_autocommit():
        # Outside any transaction one INSERT commits on its own: one round trip instead of
        # BEGIN, INSERT, COMMIT (the API pays this on every registration).
        record.save(force_insert=True)
        return record
    with transaction.atomic(durable=True):  # refuses to run inside a caller's transaction
        record.save(force_insert=True)
    return record


def intake_record_close(
    *,
    intake: IntakeRecord,
    outcome: str,
    code: str = "",
    message: str = "",
    complaint: Complaint | None = None,
    response_status: int | None = None,
    response_body: Mapping[str, Any] | None = None,
) -> None:
    """Record what became of a submission (registered, refused with a code, failed …) and the
    answer given, so a repeated Idempotency-Key replays it. Joins the caller's transaction
    when there is one (without a savepoint: two round trips less), else commits on its own."""
    with transaction.atomic(savepoint=False):
        IntakeRecord.objects.filter(pk=intake.pk).update(
            outcome=outcome,
            reason_code=code[:50],
            reason_message=message,
            complaint=complaint,
            response_status=response_status,
            response_body=dict(response_body) if response_body is not None else None,
            updated_at=timezone.now(),
        )
    intake.outcome, intake.reason_code, intake.complaint = outcome, code[:50], complaint


def intake_record_reclaim(*, intake_id: int, stale_before: datetime) -> bool:
    """Take over a submission whose request died before it answered (the process was killed
    between storing it and committing its outcome), so its Idempotency-Key does not stay "being
    processed" for ever. True when this caller now owns the record and must process it again.

    Only a record with no stored answer whose last claim (``updated_at``) is older than
    ``stale_before`` is taken, by one conditional UPDATE that also renews the claim: of several
    requests reclaiming at once exactly one matches the row (PostgreSQL re-checks the condition
    after the winner's commit; SQLite runs one writer at a time), the others see a fresh claim
    and wait for its answer as for any request in progress.
    """
    with transaction.atomic(durable=True):
        taken = IntakeRecord.objects.filter(
            pk=intake_id, response_status__isnull=True, updated_at__lt=stale_before
        ).update(outcome="pending", reason_code="", reason_message="", updated_at=timezone.now())
    return taken == 1


def idempotency_keys_purge(*, before: datetime, batch_size: int = 1000) -> int:
    """Forget the Idempotency-Keys and the answers stored for replay of submissions stored
    before ``before``; returns how many records were cleared.

    The intake records themselves stay (payload, outcome, reason, case): the intake log keeps
    every submission, only its key is freed and its replayable answer dropped. Runs in short
    batches (each its own transaction) over the partial index ``intake_replayable_by_age``, so
    it never holds many rows locked and costs the same whatever the size of the log.
    """
    replayable = Q(idempotency_key__isnull=False) | Q(response_body__isnull=False)
    cleared = 0
    while True:
        with transaction.atomic(durable=True):
            ids = list(
                IntakeRecord.objects.filter(replayable, created_at__lt=before)
                .order_by("created_at")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                return cleared
            cleared += IntakeRecord.objects.filter(pk__in=ids).update(
                idempotency_key=None, response_body=None, updated_at=timezone.now()
            )
