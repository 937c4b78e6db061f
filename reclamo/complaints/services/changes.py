"""Changes to a registered case's record, each written with its audit event: a change of fields
(the status, the department, the facts of the investigation …) with their values before and
after."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.domain.vocabulary import CASE_STATUSES, OUTCOMES
from reclamo.errors import ApplicationError

__all__ = ["complaint_fields_change", "complaint_status_change"]


def complaint_fields_change(
    *,
    complaint: Complaint,
    actor: Actor,
    type: str,
    at: datetime,
    fields: Mapping[str, Any],
    after: Mapping[str, Any] | None = None,
) -> None:
    """Set ``fields`` on ``complaint``, save only them and record the event ``type`` with their
    values before and after (and ``after``'s further facts, e.g. the rule applied).

    Runs inside the caller's transaction, on the row the caller has locked: the change and its
    event commit together (STYLE.md, the write path)."""
    before = {name: getattr(complaint, name) for name in fields}
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=list(fields))
    complaint_event_record(
        complaint=complaint,
        actor=actor,
        type=type,
        at=at,
        before=before,
        after={**fields, **(after or {})},
    )


# A settled case carries the decision; an open one carries none.
_SETTLED_STATUSES = frozenset({"resolved", "deemed_upheld", "withdrawn"})


def complaint_status_change(
    *,
    complaint: Complaint,
    actor: Actor,
    status: str,
    outcome: str | None = None,
    at: datetime | None = None,
) -> Complaint:
    """Move ``complaint`` to ``status`` (api.md's values), with the ``outcome`` a settled case
    carries, recording a "status_changed" event with the before and after.

    Raises :class:`ApplicationError` ``unknown_status`` / ``unknown_outcome`` (422) for values
    outside the vocabulary and ``outcome_required`` (422) for a settled case without one.
    """
    if status not in CASE_STATUSES:
        raise ApplicationError(
            "unknown_status",
            f"Unknown status {status!r}.",
            "status",
            status=422,
            params={"value": status},
        )
    if outcome is not None:
        outcome_require_known(outcome)
    if status in _SETTLED_STATUSES and outcome is None:
        raise ApplicationError(
            "outcome_required", "A settled case needs its outcome.", "outcome", status=422
        )
    now = at or timezone.now()
    with transaction.atomic(durable=True):
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        complaint_fields_change(
            complaint=locked,
            actor=actor,
            type="status_changed",
            at=now,
            fields={
                "status": status,
                "outcome": outcome if status in _SETTLED_STATUSES else None,
            },
        )
    return locked


def outcome_require_known(outcome: str) -> None:
    """Refuse an outcome the register does not know (422 ``unknown_outcome``)."""
    if outcome not in OUTCOMES:
        raise ApplicationError(
            "unknown_outcome",
            f"Unknown outcome {outcome!r}.",
            "outcome",
            status=422,
            params={"value": outcome},
        )
