"""`Idempotency-Key` (api.md "What the answers promise").

A client that got no answer sends the same request again with the same key; the register takes
it once. The key lives on the intake record of the first request — unique per provider, so two
requests racing with one key cannot both open a record: the loser's insert fails and it answers
the winner's result. The record keeps the first answer (`response_status`, `response_body`),
written in the registering transaction, so a replay answers exactly what the first request did,
across restarts.

- A repeat with the same body (SHA-256 of its canonical JSON) answers the first result again,
  with `Idempotent-Replayed: true`.
- A repeat arriving while the first is still being processed waits for it (polling its record,
  at most `WAIT_SECONDS`), then answers its result — or `409 idempotency_in_progress` with
  `Retry-After` if it is still not done.
- The same key with a different body answers `409 idempotency_key_reused`.
- A first request that died before answering (its process was killed) leaves its record without
  an answer. Once that record's claim is older than `RECLAMO_IDEMPOTENCY_STALE_AFTER` (longer
  than any request lives), the next request with the same key and body takes it over — one
  conditional UPDATE, so of several such requests one wins — and processes the submission again.
- Keys, and the answers stored for replay, are forgotten after
  `RECLAMO_IDEMPOTENCY_KEY_RETENTION` (at least 30 days, api.md) by the task
  `reclamo.api.tasks.idempotency_keys_purge`; the intake records stay.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from reclamo.api.errors import ApiError
from reclamo.complaints.models import IntakeRecord
from reclamo.complaints.services import intake_record_reclaim
from reclamo.providers.models import Provider

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY = re.compile(r"[\x20-\x7e]{1,255}", re.ASCII)  # printable ASCII, space included
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05
RETRY_AFTER_SECONDS = 2


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    status: int
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Reclaimed:
    """The record of a first request that died before answering, now this request's to
    process (its key and body are this request's)."""

    intake: IntakeRecord


def idempotency_openapi(*, once: str, earlier: str) -> dict[str, Any]:
    """`openapi_extra` documenting `Idempotency-Key` on an endpoint: ``once`` says what it does
    once per key ("registers", "records the call"), ``earlier`` what a replayed answer first
    answered ("request", "call record")."""
    return {
        "parameters": [
            {
                "in": "header",
                "name": HEADER,
                "required": False,
                "description": f"The same key sent again {once} once and answers the first "
                "result again, with `Idempotent-Replayed: true` (kept at least 30 days, per "
                "provider); the same key with another body is a `409 idempotency_key_reused`.",
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 255,
                    "pattern": "^[ -~]+$",
                },
            }
        ],
        "responses": {
            201: {
                "headers": {
                    REPLAYED_HEADER: {
                        "description": "`true` when this is the stored answer to an earlier "
                        f"{earlier} with the same Idempotency-Key.",
                        "schema": {"type": "string", "enum": ["true"]},
                    }
                }
            },
            409: {
                "headers": {
                    "Retry-After": {
                        "description": "Seconds to wait before sending again "
                        "(`idempotency_in_progress`).",
                        "schema": {"type": "integer"},
                    }
                }
            },
        },
    }


def idempotency_key_read(value: str | None) -> str | None:
    """The header's key, None when absent; 422 `invalid_idempotency_key` when malformed."""
    if value is None:
        return None
    if not KEY.fullmatch(value):
        raise ApiError(
            422,
            "invalid_idempotency_key",
            _("Idempotency-Key must be 1 to 255 printable ASCII characters."),
            HEADER,
        )
    return value


def request_fingerprint(payload: Any, raw: bytes) -> str:
    """SHA-256 of the body: of its canonical JSON when it is JSON (key order and spacing do not
    make a different request), else of its bytes."""
    if payload is None:
        return hashlib.sha256(raw).hexdigest()
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def first_answer(
    *, provider: Provider, key: str, fingerprint: str, wait_seconds: float | None = None
) -> StoredAnswer | Reclaimed | None:
    """The answer given to the first request with ``key``; None when there was none;
    :class:`Reclaimed` when the first request died before answering and this one took over.

    Waits while the first request is still being processed. Raises ApiError 409
    `idempotency_key_reused` for a different body, `idempotency_in_progress` after the wait.
    """
    give_up_at = time.monotonic() + (WAIT_SECONDS if wait_seconds is None else wait_seconds)
    while True:
        record = (
            IntakeRecord.objects.filter(provider=provider, idempotency_key=key)
            .only("request_fingerprint", "response_status", "response_body", "updated_at")
            .first()
        )
        if record is None:
            return None
        if record.request_fingerprint != fingerprint:
            raise ApiError(
                409,
                "idempotency_key_reused",
                _(
                    "This Idempotency-Key was already used for a different request; "
                    "send a new key for a new request."
                ),
                HEADER,
            )
        if record.response_status is not None:
            return StoredAnswer(record.response_status, record.response_body or {})
        stale_before = timezone.now() - settings.RECLAMO_IDEMPOTENCY_STALE_AFTER
        if record.updated_at < stale_before and intake_record_reclaim(
            intake_id=record.pk, stale_before=stale_before
        ):
            return Reclaimed(IntakeRecord.objects.get(pk=record.pk))
        if time.monotonic() >= give_up_at:
            raise ApiError(
                409,
                "idempotency_in_progress",
                _(
                    "The first request with this Idempotency-Key is still being processed; "
                    "send it again in a moment."
                ),
                HEADER,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        time.sleep(POLL_SECONDS)
