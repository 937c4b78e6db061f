"""The credits of an outage (UN-13, PC-6, PC-7), computed for every affected customer in one
step: the open cases it caused are linked and — where the policy credits without a claim
(``outage_credit.automatic``) — the credits are applied, each customer's letter sent after commit.

Everything runs in the transaction of :func:`outage_credits_compute` (or of the API's bulk
receive, :func:`reclamo.billing.outages.outages_receive`) with its audit event
(``BillingEvent``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from reclamo.billing.events import billing_event_record, transaction_required
from reclamo.billing.imports import chunks
from reclamo.billing.models import (
    AffectedCustomer,
    AppliedRemedy,
    Outage,
    OutageCase,
    OutageCredit,
    RemedyLine,
    Service,
)
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.domain.calendar import first_of_next_month, get_zone
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import CENT, Money, outage_credit
from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.errors import ApplicationError
from reclamo.providers.selectors import policy_in_force, policy_of


@dataclass(frozen=True, slots=True)
class CreditsReport:
    outage: str
    credits: int
    total: Decimal
    currency: str
    linked_cases: int = 0
    automatic_credits: int = 0


def _credit_rows(policy: Policy, outage: Outage, fees: Sequence[Decimal]) -> list[Any]:
    """``(fee, amount, whole_days, rules)`` for each fee: the domain computes every figure."""
    rows: list[Any] = []
    for fee in fees:
        try:
            credit = outage_credit(
                policy,
                monthly_fee=Money(fee, policy.currency),
                start=outage.started_at,
                end=outage.ended_at,
                cause=outage.cause,  # type: ignore[arg-type]
            )
        except DomainError as error:
            raise ApplicationError(error.code, error.message, error.field, status=422) from error
        rows += [fee, credit.amount.amount, credit.whole_days, ",".join(credit.rules)]
    return rows


def outage_credits_compute(
    *, outage: Outage, actor: str = "system", fees_per_statement: int = 500
) -> CreditsReport:
    """Register an outage's consequences in one step (one durable transaction): every affected
    customer's credit, the open cases it caused linked, and — where the policy credits without
    a claim (``outage_credit.automatic``) — the credits applied with a letter to each customer,
    sent after commit by a sweep task. See :func:`outage_credits_write`."""
    with transaction.atomic(durable=True):
        return outage_credits_write(
            outage=outage, actor=actor, fees_per_statement=fees_per_statement
        )


def outage_credits_write(
    *, outage: Outage, actor: str = "system", fees_per_statement: int = 500
) -> CreditsReport:
    """Every affected customer's credit for ``outage``, one per service in use during it; runs
    inside the caller's transaction.

    A credit depends on the outage and the monthly fee only, so the domain computes it once per
    distinct fee, and the database writes every credit in set-based ``INSERT … SELECT``
    statements that join the affected services to those figures — nothing per customer passes
    through Python, and memory holds at most ``fees_per_statement`` fees whatever the number of
    customers. Computing again replaces the outage's credits (automatic credits already applied
    stay as they were: the billing system may have them).
    """
    transaction_required("outage_credits_write")
    provider = outage.provider
    policy = policy_of(policy_in_force(provider=provider, at=outage.started_at))
    rule = policy.remedies.outage_credit
    if rule is None:
        raise ApplicationError(
            "remedy_not_offered",
            f"The procedure of {provider.slug} sets no credit for an outage.",
            "outage",
            status=422,
        )
    zone = get_zone(policy.time_zone)
    local_start = outage.started_at.astimezone(zone).date()
    local_end = outage.ended_at.astimezone(zone).date()
    now = timezone.now()
    credit_table = OutageCredit._meta.db_table
    service_table = Service._meta.db_table
    locked = Outage.objects.select_for_update().get(pk=outage.pk)
    # Nothing refers to a credit, so this is one DELETE statement.
    OutageCredit.objects.filter(outage=locked).delete()
    in_use = (
        Service.objects.filter(
            provider=provider,
            customer_id__in=AffectedCustomer.objects.filter(outage=locked).values("customer_id"),
            started_on__lte=local_end,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=local_start))
        .order_by()
    )
    foreign = in_use.exclude(currency=policy.currency).values_list("currency", flat=True)
    if (other := foreign.first()) is not None:
        raise ApplicationError(
            "currency_mismatch",
            f"A service is billed in {other}, the procedure in {policy.currency}.",
            "currency",
            status=422,
        )
    subquery, subparams = in_use.values("pk").query.sql_with_params()
    fees = in_use.values_list("monthly_fee", flat=True).distinct().order_by("monthly_fee")
    with connection.cursor() as cursor:
        for chunk in chunks(list(fees), fees_per_statement):
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"WITH figures(fee, amount, whole_days, rules) AS (VALUES {values}) "  # noqa: S608
                f"INSERT INTO {credit_table} (outage_id, service_id, customer_id, "
                "monthly_fee, amount, currency, whole_days, rules, computed_at) "
                "SELECT %s, service.id, service.customer_id, service.monthly_fee, "
                "figures.amount, service.currency, figures.whole_days, figures.rules, %s "
                f"FROM {service_table} service "
                "JOIN figures ON service.monthly_fee = figures.fee "
                f"WHERE service.id IN ({subquery})",
                [*_credit_rows(policy, locked, chunk), locked.pk, now, *subparams],
            )
    summary = OutageCredit.objects.filter(outage=locked).aggregate(
        count=Count("pk"), total=Sum("amount")
    )
    count, total = summary["count"], Decimal(summary["total"] or 0).quantize(CENT)
    locked.credits_computed_at = now
    locked.save(update_fields=["credits_computed_at"])
    outage.credits_computed_at = now
    linked = outage_cases_link(outage=locked, actor=actor, now=now)
    automatic = 0
    if rule.automatic:
        automatic = _automatic_credits_apply(locked, policy.time_zone, actor, now)
    billing_event_record(
        provider=provider,
        actor=actor,
        type="outage_credits_computed",
        data={
            "outage": locked.reference,
            "credits": count,
            "total": str(total),
            "linked_cases": linked,
            "automatic_credits": automatic,
        },
    )
    return CreditsReport(outage.reference, count, total, policy.currency, linked, automatic)


def outage_cases_link(*, outage: Outage, actor: str, now: datetime) -> int:
    """Link the cases ``outage`` caused: the provider's open cases of its affected customers
    whose fault started within it; each newly linked case records ``outage_linked`` in its
    audit trail. Runs inside the caller's transaction; linking again adds only new cases."""
    caused = (
        Complaint.objects.filter(
            provider_id=outage.provider_id,
            status__in=OPEN_STATUSES,
            customer_id__in=AffectedCustomer.objects.filter(outage=outage).values("customer_id"),
            fault_started_at__gte=outage.started_at,
            fault_started_at__lte=outage.ended_at,
        )
        .exclude(outage_links__outage=outage)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    linked = 0
    data = {
        "before": {},
        "after": {
            "outage": outage.reference,
            "outage_started_at": outage.started_at.isoformat(),
            "outage_ended_at": outage.ended_at.isoformat(),
            "cause": outage.cause,
        },
    }
    for chunk in chunks(list(caused)):
        OutageCase.objects.bulk_create(
            [OutageCase(outage=outage, complaint_id=pk, linked_at=now) for pk in chunk]
        )
        # One event per case, written with the link (the same transaction).
        ComplaintEvent.objects.bulk_create(
            [
                ComplaintEvent(
                    complaint_id=pk,
                    at=now,
                    actor_type="system",
                    actor_label=actor[:150],
                    type="outage_linked",
                    data=data,
                )
                for pk in chunk
            ]
        )
        linked += len(chunk)
    return linked


def _automatic_credits_apply(outage: Outage, time_zone: str, actor: str, now: datetime) -> int:
    """A policy with ``outage_credit.automatic``: every affected customer's credits applied
    without a claim, on the next invoice (dated the first day of the month after the outage),
    each with a letter queued (``letter_status``). Set-based; a customer already credited for
    this outage is left as applied."""
    remedy_table = AppliedRemedy._meta.db_table
    line_table = RemedyLine._meta.db_table
    credit_table = OutageCredit._meta.db_table
    # Credited on the next invoice, issued from the first of the month after the outage ended.
    credited_on = first_of_next_month(outage.ended_at.astimezone(get_zone(time_zone)).date())
    earlier = AppliedRemedy.objects.filter(outage=outage, complaint__isnull=True)
    before = earlier.count()
    # The first registration credits everybody: no anti-join to plan (on a table whose
    # statistics are stale, its plan can be a nested loop over every row).
    not_yet = (
        f"AND NOT EXISTS (SELECT 1 FROM {remedy_table} earlier "  # noqa: S608
        "WHERE earlier.outage_id = credit.outage_id AND earlier.customer_id = credit.customer_id "
        "AND earlier.complaint_id IS NULL)"
        if before
        else ""
    )
    remedies = (
        f"INSERT INTO {remedy_table} (provider_id, customer_id, complaint_id, outage_id, "  # noqa: S608
        "kind, method, computed_amount, amount, currency, adjustment_reason, rules, "
        "working, applied_at, applied_by, letter_status, letter_sent_at) "
        "SELECT %s, credit.customer_id, NULL, %s, 'outage_credit', 'credit_schedule', "
        "SUM(credit.amount), SUM(credit.amount), credit.currency, '', MAX(credit.rules), "
        "'{}', %s, %s, 'queued', NULL "
        f"FROM {credit_table} credit WHERE credit.outage_id = %s {not_yet} "
        "GROUP BY credit.customer_id, credit.currency HAVING SUM(credit.amount) > 0"
    )
    remedy_params: list[Any] = [outage.provider_id, outage.pk, now, actor[:150], outage.pk]
    line_columns = (
        f"INSERT INTO {line_table} (remedy_id, provider_id, sequence, method, amount, "
        "currency, due_on, invoice_number, recorded_at) "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement: the lines are written from the remedies it inserts.
            cursor.execute(
                f"WITH applied AS ({remedies} RETURNING id, provider_id, amount, currency) "  # noqa: S608
                f"{line_columns}SELECT id, provider_id, 1, 'credit_schedule', amount, currency, "
                "%s, '', %s FROM applied",
                [*remedy_params, credited_on, now],
            )
            applied = cursor.rowcount
        else:
            cursor.execute(remedies, remedy_params)
            cursor.execute(
                f"{line_columns}SELECT applied.id, applied.provider_id, 1, 'credit_schedule', "  # noqa: S608
                "applied.amount, applied.currency, %s, '', %s "
                f"FROM {remedy_table} applied WHERE applied.outage_id = %s "
                "AND applied.complaint_id IS NULL AND NOT EXISTS ("
                f"SELECT 1 FROM {line_table} line WHERE line.remedy_id = applied.id)",
                [credited_on, now, outage.pk],
            )
            applied = earlier.count() - before
    if applied:
        from reclamo.billing.tasks import outage_credit_letters_sweep

        # 100,000 letters are no 100,000 tasks: one sweep sends them in batches.
        transaction.on_commit(lambda: outage_credit_letters_sweep.enqueue())
    return applied
