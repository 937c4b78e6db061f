"""A remedy inside a case (issue 13): computed from the customer's billing data and the policy,
shown to staff with its working, adjusted with a reason, applied as a schedule, and carried into
the written statement.

Readings adopted:

- **Outage credit** (UN-13, PC-6, PC-7): the outage the case is linked to (``OutageCase``) gives
  the start, end and cause; otherwise the case's own fault start and service restoration, its
  cause read from the investigation — a fault the customer caused is ``customer`` (UN-5, PC-8),
  any other fault of a case is a technical fault of the provider's equipment (PC-7). Every
  service of the customer in use during the fault is credited; the credits are added.
- **Disputed bill** (UN-15, UN-16, PC-16): for a billing complaint, the disputed invoice is the
  one delivered on the case's ``invoice_delivered_on``, else the customer's latest invoice that
  began on or before receipt; the history is the customer's invoices summed per billing month
  (the month the period starts in), the first period the month the first service started.
- **Charges** (UN-5, UN-6, PC-8, PC-10): the technician visits recorded on the case, priced from
  the price list (the kilometres of customer-caused visits, the trips the customer insisted on).
- **Applied as**: an outage credit over the customer's next invoices (those not yet due on the
  day it is applied, by due day; each absorbs at most its own amount, what none absorbs is
  credited on the next invoice issued, dated the first day of the next month), or refunded; a
  disputed bill's excess in ``min_instalments`` monthly instalments; charges charged.

Writes run in one durable transaction with the case's audit event (``remedy_applied``: computed
and applied amounts, the reason for an adjustment).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from reclamo.billing.models import AppliedRemedy, Invoice, OutageCase, RemedyLine, Service
from reclamo.casework.models import TechnicianVisit
from reclamo.complaints.events import Actor, complaint_event_record
from reclamo.complaints.models import Complaint
from reclamo.domain.calendar import get_zone
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import (
    BillingPeriod,
    Instalment,
    InvoiceDue,
    Money,
    OutageCause,
    Working,
    credit_over_invoices,
    disputed_bill,
    fault_charges,
    instalment_schedule,
    outage_credit,
)
from reclamo.domain.vocabulary import REMEDY_METHODS, RemedyKind, RemedyMethod
from reclamo.errors import ApplicationError
from reclamo.formats import format_day
from reclamo.labels import REMEDY_KIND_LABELS, REMEDY_METHOD_LABELS
from reclamo.providers.selectors import policy_of

__all__ = [
    "CaseRemedy",
    "RemedyPart",
    "applied_remedy_of",
    "applied_remedy_statement",
    "case_remedy_apply",
    "case_remedy_compute",
    "remedy_statement_lines",
]

_OPEN = ("registered", "in_progress", "waiting_for_customer")


@dataclass(frozen=True, slots=True)
class RemedyPart:
    """One remedy the case may carry, with its working and the ways it may be applied."""

    kind: RemedyKind
    amount: Money
    rules: tuple[str, ...]
    workings: tuple[tuple[str, Working], ...]  # (what it is of: a service, "average" …)
    methods: tuple[RemedyMethod, ...]
    instalments: tuple[Instalment, ...] = ()
    disputed_period: BillingPeriod | None = None
    min_instalments: int = 0
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CaseRemedy:
    parts: tuple[RemedyPart, ...]
    # Why a remedy could not be computed: (kind, message) for staff.
    problems: tuple[tuple[str, str], ...]

    def part(self, kind: str) -> RemedyPart | None:
        return next((part for part in self.parts if part.kind == kind), None)


def _local_date(instant: datetime, zone: str) -> date:
    return instant.astimezone(get_zone(zone)).date()


def _services_in_use(complaint: Complaint, start: datetime, end: datetime, zone: str) -> Any:
    return (
        Service.objects.filter(
            provider_id=complaint.provider_id,
            customer=complaint.customer,
            started_on__lte=_local_date(end, zone),
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=_local_date(start, zone)))
        .order_by("reference")
    )


def _outage_part(complaint: Complaint, policy: Policy) -> RemedyPart | None:
    if policy.remedies.outage_credit is None:
        return None
    link = (
        OutageCase.objects.filter(complaint=complaint)
        .select_related("outage")
        .order_by("-linked_at", "-id")
        .first()
    )
    detail: dict[str, str] = {}
    if link is not None:
        outage = link.outage
        if AppliedRemedy.objects.filter(
            outage=outage, customer=complaint.customer, complaint__isnull=True
        ).exists():
            raise ApplicationError(
                "credited_automatically",
                f"The customer was already credited for outage {outage.reference} without a claim.",
                "outage",
            )
        start, end, cause = outage.started_at, outage.ended_at, outage.cause
        detail["outage"] = outage.reference
    elif complaint.fault_started_at and complaint.service_restored_at:
        start, end = complaint.fault_started_at, complaint.service_restored_at
        cause = "customer" if complaint.fault_cause == "customer" else "provider_equipment"
    else:
        return None
    if complaint.customer_id is None:
        raise ApplicationError(
            "no_customer", "The case is matched to no customer record.", "customer"
        )
    workings: list[tuple[str, Working]] = []
    total = Money.zero(policy.currency)
    rules: tuple[str, ...] = ()
    for service in _services_in_use(complaint, start, end, policy.time_zone):
        credit = outage_credit(
            policy,
            monthly_fee=Money(service.monthly_fee, service.currency),
            start=start,
            end=end,
            cause=_cause(cause),
        )
        workings.append((service.name or service.reference, credit.working))
        total = total + credit.amount
        rules = tuple(dict.fromkeys((*rules, *credit.rules)))
    if not workings:
        raise ApplicationError(
            "no_service", "The customer had no service in use during the fault.", "customer"
        )
    detail["from"] = start.isoformat()
    detail["to"] = end.isoformat()
    return RemedyPart(
        "outage_credit",
        total,
        rules,
        tuple(workings),
        ("credit_schedule", "refund"),
        detail=detail,
    )


def _cause(value: str) -> OutageCause:
    if value == "customer":
        return "customer"
    if value == "provider_non_technical":
        return "provider_non_technical"
    return "provider_equipment"


def _period(day: date) -> BillingPeriod:
    return BillingPeriod(day.year, day.month)


def _disputed_part(complaint: Complaint, policy: Policy) -> RemedyPart | None:
    if policy.remedies.disputed_bill is None or complaint.category != "billing":
        return None
    if complaint.customer_id is None:
        return None
    invoices = list(
        Invoice.objects.filter(
            provider_id=complaint.provider_id, customer_id=complaint.customer_id
        ).order_by("period_start", "number")
    )
    if not invoices:
        return None
    received = _local_date(complaint.received_at, policy.time_zone)
    delivered = complaint.invoice_delivered_on
    disputed = next(
        (i for i in invoices if delivered is not None and i.delivered_on == delivered), None
    ) or next((i for i in reversed(invoices) if i.period_start <= received), None)
    if disputed is None:
        return None
    disputed_period = _period(disputed.period_start)
    history: dict[BillingPeriod, Decimal] = defaultdict(Decimal)
    for invoice in invoices:
        if invoice.pk != disputed.pk and _period(invoice.period_start) != disputed_period:
            history[_period(invoice.period_start)] += invoice.amount
    started = Service.objects.filter(
        provider_id=complaint.provider_id, customer_id=complaint.customer_id
    ).order_by("started_on")
    first = started.values_list("started_on", flat=True).first() or invoices[0].period_start
    answer = disputed_bill(
        policy,
        history={p: Money(a, policy.currency) for p, a in history.items()},
        disputed_amount=Money(disputed.amount, policy.currency),
        disputed_period=disputed_period,
        first_period=_period(first),
    )
    return RemedyPart(
        "disputed_bill",
        answer.excess,
        answer.rules,
        (
            ("average", answer.average_working),
            ("threshold", answer.threshold_working),
            ("excess", answer.excess_working),
        ),
        ("instalments",) if answer.deferral_allowed else (),
        instalments=answer.instalments,
        disputed_period=disputed_period,
        min_instalments=answer.min_instalments,
        detail={
            "invoice": disputed.number,
            "disputed_amount": str(disputed.amount),
            "average": str(answer.average),
            "threshold": str(answer.threshold),
        },
    )


def _charges_part(complaint: Complaint, policy: Policy) -> RemedyPart | None:
    visits = list(TechnicianVisit.objects.filter(complaint=complaint))
    customer_caused = complaint.fault_cause == "customer" or any(v.customer_caused for v in visits)
    insisted = [v for v in visits if v.customer_insisted]
    if not (customer_caused and visits) and not insisted:
        return None
    kilometres = sum(
        (v.kilometres or Decimal(0) for v in visits if v.customer_caused or customer_caused),
        Decimal(0),
    )
    charges = fault_charges(
        policy,
        customer_caused=customer_caused,
        trip_km=kilometres,
        trips=sum(v.trips for v in insisted),
        trip_unnecessary_on_request=bool(insisted),
    )
    if not charges.lines:
        return None
    return RemedyPart(
        "charges", charges.total, charges.rules, (("charges", charges.working),), ("charge",)
    )


def case_remedy_compute(*, complaint: Complaint) -> CaseRemedy:
    """Every remedy the case's facts and the customer's billing data give, with its working;
    a remedy that cannot be computed says why (a price not set, a history too short …)."""
    policy = policy_of(complaint.policy_version)
    parts: list[RemedyPart] = []
    problems: list[tuple[str, str]] = []
    for kind, compute in (
        ("outage_credit", _outage_part),
        ("disputed_bill", _disputed_part),
        ("charges", _charges_part),
    ):
        try:
            part = compute(complaint, policy)
        except (DomainError, ApplicationError) as error:
            problems.append((kind, _message(error)))
        else:
            if part is not None:
                parts.append(part)
    return CaseRemedy(tuple(parts), tuple(problems))


def _message(error: DomainError | ApplicationError) -> str:
    from reclamo.error_messages import error_message

    return error_message(error) or error.message


# Applying ---------------------------------------------------------------------------------------


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


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
            customer=complaint.customer,
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
        lines.append(
            ("credit_schedule", schedule.outstanding.amount, _first_of_next_month(after), "")
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
    today = _local_date(now, policy.time_zone)
    lines = _schedule(part, method, applied, complaint, policy, today)
    with transaction.atomic(durable=True):
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status not in _OPEN:
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


# Reading ----------------------------------------------------------------------------------------


def applied_remedy_of(*, complaint: Complaint) -> AppliedRemedy | None:
    return AppliedRemedy.objects.filter(complaint=complaint).prefetch_related("lines").first()


def applied_remedy_statement(*, complaint: Complaint) -> dict[str, Any] | None:
    """The applied remedy as the decision's ``remedy`` JSON: amounts as strings, the working,
    the schedule — what the written statement renders in the customer's language."""
    remedy = applied_remedy_of(complaint=complaint)
    if remedy is None:
        return None
    return {
        "kind": remedy.kind,
        "method": remedy.method,
        "amount": str(remedy.amount),
        "computed_amount": str(remedy.computed_amount),
        "currency": remedy.currency,
        "adjustment_reason": remedy.adjustment_reason,
        "rules": remedy.rules.split(",") if remedy.rules else [],
        "working": remedy.working,
        "lines": [
            {
                "method": line.method,
                "amount": str(line.amount),
                "due_on": line.due_on.isoformat(),
                "invoice": line.invoice_number,
            }
            for line in remedy.lines.all()
        ],
    }


def _line_text(line: dict[str, Any], number: int, language: str) -> str:
    day = format_day(date.fromisoformat(line["due_on"]), language)
    if line["method"] == "instalments":
        return gettext("Instalment %(number)s, due on %(day)s") % {"number": number, "day": day}
    if line["method"] == "refund":
        return gettext("Refunded by %(day)s") % {"day": day}
    if line["method"] == "charge":
        return gettext("Charged on the invoice after %(day)s") % {"day": day}
    if line.get("invoice"):
        return gettext("Credited on invoice %(invoice)s, due on %(day)s") % {
            "invoice": line["invoice"],
            "day": day,
        }
    return gettext("Credited on the next invoice, issued from %(day)s") % {"day": day}


def remedy_statement_lines(remedy: Any, language: str) -> list[tuple[str, str]] | None:
    """The remedy of a decision as (label, text) lines in ``language``; None when ``remedy`` is
    not one :func:`applied_remedy_statement` wrote."""
    if not isinstance(remedy, dict) or remedy.get("kind") not in REMEDY_KIND_LABELS:
        return None
    currency = remedy.get("currency", "")
    with translation.override(language):
        rows: list[tuple[str, str]] = [
            (gettext("Remedy"), str(REMEDY_KIND_LABELS[remedy["kind"]])),
            (gettext("Applied as"), str(REMEDY_METHOD_LABELS.get(remedy["method"], ""))),
            (gettext("Amount"), f"{remedy['amount']} {currency}"),
        ]
        if remedy.get("adjustment_reason"):
            rows.append((gettext("Computed amount"), f"{remedy['computed_amount']} {currency}"))
            rows.append((gettext("Reason for the adjustment"), remedy["adjustment_reason"]))
        working = remedy.get("working") or {}
        for part in working.get("parts", []):
            rows.append(
                (
                    gettext("How it was computed (%(of)s)") % {"of": _of_label(part["of"])},
                    f"{part['rendered']} = {part['result']} ({', '.join(part['rules'])})",
                )
            )
        for number, line in enumerate(remedy.get("lines", []), start=1):
            rows.append((_line_text(line, number, language), f"{line['amount']} {currency}"))
    return rows


def _of_label(of: str) -> str:
    labels = {
        "average": gettext("the average of the last bills"),
        "threshold": gettext("the threshold"),
        "excess": gettext("the amount above the average"),
        "charges": gettext("the charges"),
    }
    return labels.get(of, of)


def schedule_preview(
    part: RemedyPart, method: str, complaint: Complaint, now: datetime | None = None
) -> Sequence[tuple[str, Decimal, date, str]]:
    """The lines applying the computed amount as ``method`` would write (for the case page)."""
    policy = policy_of(complaint.policy_version)
    today = _local_date(now or timezone.now(), policy.time_zone)
    return _schedule(part, method, part.amount.rounded(), complaint, policy, today)
