"""The decision and its written statement (UN-11, PC-14, PC-15, PN-9): the outcome recorded, the
statement issued and sent, cases of a queue decided first in, first out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.db import transaction

from reclamo.billing.remedy_statement import applied_remedy_statement
from reclamo.casework.models import Statement
from reclamo.casework.services.case import complaint_locked, now_or_current
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.complaints.services.changes import outcome_require_known
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of

__all__ = ["complaint_decide", "older_open_case"]

# Outcomes that need reasons the customer can read (a negative or partial answer, PN-9).
_REASONED = frozenset({"rejected", "partially_upheld"})


def older_open_case(*, complaint: Complaint, policy: Policy) -> Complaint | None:
    """PC-14: an older open case of the same queue (department), where the procedure resolves
    cases first in, first out; None where it does not or none is older."""
    if policy.case_handling.order != "first_in_first_out":
        return None
    return (
        Complaint.objects.filter(
            provider_id=complaint.provider_id,
            department=complaint.department,
            status__in=OPEN_STATUSES,
            received_at__lt=complaint.received_at,
        )
        .exclude(pk=complaint.pk)
        .order_by("received_at", "number")
        .first()
    )


def complaint_decide(
    *,
    complaint: Complaint,
    actor: Actor,
    outcome: str,
    reasons: str,
    remedy: Mapping[str, Any] | None = None,
    sent_at: datetime | None = None,
    out_of_order_reason: str = "",
    now: datetime | None = None,
) -> Statement:
    """Record the outcome and issue the written statement.

    The statement is sent by email with the PDF attached where the customer gave an address,
    else it is marked printed for post; ``sent_at`` (default now; a past instant records a
    letter posted earlier) is the procedure's end (UN-11, PC-15). Deciding while an older case
    of the same queue is open needs ``out_of_order_reason`` (PC-14), kept in the history.

    Raises ``unknown_outcome``, ``reasons_required``, ``out_of_range`` (422),
    ``already_decided`` and ``out_of_order_reason_required`` (409)."""
    from reclamo.casework.tasks import letter_send

    now = now_or_current(now)
    outcome_require_known(outcome)
    reasons = reasons.strip()
    if outcome in _REASONED and not reasons:
        raise ApplicationError(
            "reasons_required",
            "A rejection or a partial outcome needs the reasons the customer is told.",
            "reasons",
            status=422,
        )
    sent = sent_at or now
    if sent.tzinfo is None:
        raise ApplicationError(
            "instant_without_offset", "sent_at needs its UTC offset.", "sent_at", status=422
        )
    if sent > now or sent < complaint.received_at:
        raise ApplicationError(
            "out_of_range",
            "sent_at must lie between the case's receipt and now.",
            "sent_at",
            status=422,
        )
    with transaction.atomic(durable=True):
        locked = complaint_locked(complaint)
        if (
            Statement.objects.filter(complaint=locked).exists()
            or locked.status not in OPEN_STATUSES
        ):
            raise ApplicationError(
                "already_decided", f"Case {locked.number} is already decided.", "outcome"
            )
        policy = policy_of(locked.policy_version)
        older = older_open_case(complaint=locked, policy=policy)
        out_of_order_reason = out_of_order_reason.strip()
        if older is not None and not out_of_order_reason:
            raise ApplicationError(
                "out_of_order_reason_required",
                f"Case {older.number} of the same queue is older and still open; say why this "
                f"one is decided first ({policy.case_handling.rule or 'PC-14'}).",
                "out_of_order_reason",
                params={"number": older.number, "rule": policy.case_handling.rule or "PC-14"},
            )
        means = "email" if locked.customer_email else "post"
        statement = Statement.objects.create(
            complaint=locked,
            outcome=outcome,
            reasons=reasons,
            # Without one given, the remedy applied in the case (its schedule and working).
            remedy=dict(remedy)
            if remedy is not None
            else applied_remedy_statement(complaint=locked),
            decided_at=now,
            decided_by=actor.user,
            decided_by_label=actor.label[:150],
            sent_at=sent.astimezone(UTC),
            means=means,
            language=locked.customer_language or policy.default_language,
            out_of_order_reason=out_of_order_reason if older is not None else "",
        )
        before = {"status": locked.status, "outcome": locked.outcome}
        # api.md: a decision answers `status: "resolved"` whatever the outcome (a withdrawal
        # decided by a statement included); the outcome says which.
        locked.status = "resolved"
        locked.outcome = outcome
        # The case record carries the decision's instants for the register and the reports; the
        # sending is the procedure's end (UN-11, PC-15).
        locked.decided_at = now
        locked.statement_sent_at = statement.sent_at
        locked.save(update_fields=["status", "outcome", "decided_at", "statement_sent_at"])
        if older is not None:
            complaint_event_record(
                complaint=locked,
                actor=actor,
                type="decided_out_of_order",
                at=now,
                after={
                    "older_case": older.number,
                    "reason": out_of_order_reason,
                    "rule": policy.case_handling.rule or "PC-14",
                },
            )
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="decided",
            at=now,
            before=before,
            after={
                "status": locked.status,
                "outcome": outcome,
                "reasons": reasons,
                "remedy": statement.remedy,
                "statement_sent_at": sent.isoformat(),
                "means": means,
                # The procedure ends on the day the written result is sent (UN-11, PC-15).
                "procedure_end_rule": policy.outcome.ends_rule or policy.outcome.rule,
            },
        )
        complaint_id = locked.pk
        # PN-7: the result goes through the contact data the customer gave. With an address the
        # statement is e-mailed; with only a phone number it is printed for post and the result
        # is told at once by text message (UN-12: in writing or by phone).
        if means == "email" or locked.customer_phone:
            transaction.on_commit(lambda: letter_send.enqueue(complaint_id, "statement"))
    return statement
