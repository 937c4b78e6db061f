"""The extension of the resolution period (UN-9): once, before the first deadline, up to the
procedure's limit, with the customer told."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from reclamo.casework.services.case import (
    complaint_facts,
    complaint_locked,
    complaint_require_open,
    now_or_current,
)
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint, ComplaintDeadline, ComplaintEvent
from reclamo.domain.deadlines import extension_decide
from reclamo.domain.errors import DomainError
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of

__all__ = ["complaint_extend"]

# Extension refusals that are conflicts with the procedure (api.md: 409); others are bad input.
_EXTENSION_CONFLICTS = frozenset(
    {"extension_not_allowed", "extension_already_used", "extension_too_late", "extension_too_long"}
)


def complaint_extend(
    *, complaint: Complaint, actor: Actor, days: int, reason: str, now: datetime | None = None
) -> Complaint:
    """Extend the resolution period once, before the first deadline, up to the procedure's limit
    (UN-9). The current resolution deadline is superseded by a new row, the event recorded, and
    the customer's notice leaves after commit (before the first deadline passes, since the
    extension must be decided before it).

    Raises ``extension_not_allowed``, ``extension_already_used``, ``extension_too_late``,
    ``extension_too_long`` (409) and ``reason_required`` (422)."""
    from reclamo.casework.tasks import letter_send

    now = now_or_current(now)
    with transaction.atomic(durable=True):
        locked = complaint_locked(complaint)
        complaint_require_open(locked)
        policy = policy_of(locked.policy_version)
        so_far = ComplaintEvent.objects.filter(complaint=locked, type="deadline_extended").count()
        try:
            decision = extension_decide(
                policy,
                complaint_facts(locked),
                decided_at=now,
                extend_by_days=days,
                extensions_so_far=so_far,
                reason=reason,
                registered_at=locked.registered_at,
            )
        except DomainError as error:
            status = 409 if error.code in _EXTENSION_CONFLICTS else 422
            raise ApplicationError(
                error.code, error.message, error.field, status=status, params=error.params
            ) from None
        current = ComplaintDeadline.objects.get(
            complaint=locked, clock="resolution", superseded_at__isnull=True
        )
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
        ComplaintDeadline.objects.create(
            complaint=locked,
            clock="resolution",
            due_at=decision.resolution,
            rule=decision.rule,
            basis_amount=current.basis_amount + days,
            basis_unit=current.basis_unit,
            counted_from=current.counted_from,
            created_at=now,
        )
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="deadline_extended",
            at=now,
            before={"resolution": decision.previous_resolution.isoformat()},
            after={
                "resolution": decision.resolution.isoformat(),
                "days": days,
                "reason": reason.strip(),
                "rule": decision.rule,
            },
        )
        complaint_id = locked.pk
        transaction.on_commit(lambda: letter_send.enqueue(complaint_id, "extension_notice"))
    return locked
