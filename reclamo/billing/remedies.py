"""The remedies a case may carry (issue 13), computed from the customer's billing data and the
policy, each with its working for staff. Applying one is :mod:`reclamo.billing.remedy_schedule`;
carrying it into the written statement, :mod:`reclamo.billing.remedy_statement`.

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
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q

from reclamo.billing.models import AppliedRemedy, Invoice, OutageCase, Service
from reclamo.casework.models import TechnicianVisit
from reclamo.complaints.models import Complaint
from reclamo.domain.calendar import get_zone
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import (
    BillingPeriod,
    Instalment,
    Money,
    OutageCause,
    Working,
    disputed_bill,
    fault_charges,
    outage_credit,
)
from reclamo.domain.vocabulary import RemedyKind, RemedyMethod
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_of

__all__ = ["CaseRemedy", "RemedyPart", "case_remedy_compute", "local_date"]


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


def local_date(instant: datetime, zone: str) -> date:
    return instant.astimezone(get_zone(zone)).date()


def _services_in_use(complaint: Complaint, start: datetime, end: datetime, zone: str) -> Any:
    return (
        Service.objects.filter(
            provider_id=complaint.provider_id,
            customer=complaint.customer_id,
            started_on__lte=local_date(end, zone),
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=local_date(start, zone)))
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
            outage=outage, customer=complaint.customer_id, complaint__isnull=True
        ).exists():
            raise ApplicationError(
                "credited_automatically",
                f"The customer was already credited for outage {outage.reference} without a claim.",
                "outage",
                params={"outage": outage.reference},
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
    received = local_date(complaint.received_at, policy.time_zone)
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
