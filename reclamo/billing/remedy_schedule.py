"""Applying a case's computed remedy (issue 13), as computed or adjusted with a reason, as a
schedule of lines.

Readings adopted: an outage credit is credited over the customer's next invoices (those not yet
due on the day it is applied, by due day; each absorbs at most its own amount, what none absorbs
is credited on the next invoice issued, dated the first day of the next month), or refunded; a
disputed bill's excess is deferred in ``min_instalments`` monthly instalments; charges are
charged.

The write runs in one durable transaction with the case's audit event (``remedy_applied``:
computed and applied amounts, the reason for an adjustment).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from reclamo.billing.models import AppliedRemedy, Invoice, RemedyLine
from reclamo.billing.remedies import RemedyPart, case_remedy_compute, local_date
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.domain.calendar import first_of_next_month
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import InvoiceDue, Money, credit_over_invoices, instalment_schedule
from reclamo.domain.vocabulary import OPEN_STATUSES, REMEDY_METHODS
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of


def _schedule(
    part: RemedyPart,
    method: str,
    amount: Money,
    complaint: Complaint,
    policy: Policy,
    today: date,
) -> list[tuple[str, Decimal, date, str]]:
    """The lines ``(method, amount, date, invoice number)`` that apply ``amount``."""
    if method == "refund" or method == "charge":
        return [(method, amount.amount, today, "")]
    if method == "instalments" and part.disputed_period is not None:
        if amount == part.amount and part.instalments:
            instalments = part.instalments
        else:
            instalments = instalment_schedule(
                amount, part.min_instalments or 1, after=part.disputed_period
            )
        return [("instalments", i.amount.amount, i.due, "") for i in instalments]
    coming = list(
        Invoice.objects.filter(
            provider_id=complaint.provider_id,
            customer=complaint.customer_id,
            due_on__gt=today,
        ).order_by("due_on", "number")[:24]
    )
    schedule = credit_over_invoices(
        policy,
        amount=amount,
        invoices=[InvoiceDue(i.number, Money(i.amount, i.currency)) for i in coming],
        rule=part.rules[0],
    )
    due = {i.number: i.due_on for i in coming}
    lines = [
        ("credit_schedule", line.credit.amount, due[line.reference], line.reference)
        for line in schedule.lines
        if line.credit.amount > 0
    ]
    if schedule.outstanding.amount > 0 or not lines:
        after = coming[-1].period_end if coming else today
        # The next invoice is issued from the first of the following month: a credit no coming
        # invoice absorbs is dated there.
        lines.append(
            ("credit_schedule", schedule.outstanding.amount, first_of_next_month(after), "")
        )
    return lines


def _amount(value: Decimal | str | None, computed: Money) -> Money:
    if value is None or value == "":
        return computed
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0 or number != number.quantize(Decimal("0.01")):
        raise ApplicationError(
            "invalid_amount",
            "An amount is a number of zero or more with at most two decimals.",
            "amount",
            status=422,
        )
    return Money(number.quantize(Decimal("0.01")), computed.currency)


def case_remedy_apply(
    *,
    complaint: Complaint,
    actor: Actor,
    kind: str,
    method: str,
    amount: Decimal | str | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> AppliedRemedy:
    """Apply the case's computed remedy ``kind`` as ``method``; ``amount`` adjusts it, with a
    ``reason`` recorded beside the computed figure. Raises ``remedy_not_computed``,
    ``method_not_allowed``, ``invalid_amount``, ``adjustment_reason_required`` (422),
    ``remedy_already_applied`` and ``case_closed`` (409)."""
    now = now or timezone.now()
    policy = policy_of(complaint.policy_version)
    computed = case_remedy_compute(complaint=complaint)
    part = computed.part(kind)
    if part is None:
        raise ApplicationError(
            "remedy_not_computed",
            f"No {kind} remedy can be computed for case {complaint.number}.",
            "kind",
            status=422,
        )
    if method not in REMEDY_METHODS or method not in part.methods:
        raise ApplicationError(
            "method_not_allowed",
            f"The remedy {kind} cannot be applied as {method!r}.",
            "method",
            status=422,
        )
    applied = _amount(amount, part.amount.rounded())
    reason = reason.strip()
    adjusted = applied.amount != part.amount.rounded().amount
    if adjusted and not reason:
        raise ApplicationError(
            "adjustment_reason_required",
            "An amount other than the computed one needs the reason for the adjustment.",
            "reason",
            status=422,
        )
    today = local_date(now, policy.time_zone)
    lines = _schedule(part, method, applied, complaint, policy, today)
    with transaction.atomic(durable=True):
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status not in OPEN_STATUSES:
            raise ApplicationError(
                "case_closed", f"Case {locked.number} is already decided.", "kind"
            )
        if AppliedRemedy.objects.filter(complaint=locked).exists():
            raise ApplicationError(
                "remedy_already_applied",
                f"A remedy is already applied in case {locked.number}.",
                "kind",
            )
        remedy = AppliedRemedy.objects.create(
            provider_id=locked.provider_id,
            customer_id=locked.customer_id,
            complaint=locked,
            outage=None,
            kind=kind,
            method=method,
            computed_amount=part.amount.rounded().amount,
            amount=applied.amount,
            currency=applied.currency,
            adjustment_reason=reason if adjusted else "",
            rules=",".join(part.rules),
            working={
                "parts": [{"of": of, **working.as_data()} for of, working in part.workings],
                **part.detail,
            },
            applied_at=now,
            applied_by=actor.label[:150],
        )
        RemedyLine.objects.bulk_create(
            RemedyLine(
                remedy=remedy,
                provider_id=locked.provider_id,
                sequence=number,
                method=line_method,
                amount=line_amount,
                currency=applied.currency,
                due_on=due_on,
                invoice_number=invoice,
                recorded_at=now,
            )
            for number, (line_method, line_amount, due_on, invoice) in enumerate(lines, start=1)
        )
        complaint_event_record(
            complaint=locked,
            actor=actor,
            type="remedy_applied",
            at=now,
            after={
                "kind": kind,
                "method": method,
                "computed": str(part.amount.rounded()),
                "amount": str(applied),
                "currency": applied.currency,
                "adjustment_reason": reason if adjusted else "",
                "rules": list(part.rules),
                "lines": len(lines),
            },
        )
    return remedy


def schedule_preview(
    part: RemedyPart, method: str, complaint: Complaint, now: datetime | None = None
) -> Sequence[tuple[str, Decimal, date, str]]:
    """The lines applying the computed amount as ``method`` would write (for the case page)."""
    policy = policy_of(complaint.policy_version)
    today = local_date(now or timezone.now(), policy.time_zone)
    return _schedule(part, method, part.amount.rounded(), complaint, policy, today)
