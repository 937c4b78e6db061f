"""Writes to the billing data: CSV imports (all or nothing, idempotent) and the credits of an
outage (UN-13, PC-6, PC-7), computed for every affected customer in one step.

Each write runs in one ``transaction.atomic(durable=True)`` with its audit event
(``BillingEvent``). An import checks the whole file first and reports every bad row as
``FILE:LINE: field: message`` (``ImportRejected``); nothing is written from a bad file. Rows are
keyed by the provider's own references, so importing the same rows again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from reclamo.billing.csv_rows import Row, RowProblem, csv_rows
from reclamo.billing.models import (
    AffectedCustomer,
    AppliedRemedy,
    BillingEvent,
    Invoice,
    Outage,
    OutageCase,
    OutageCredit,
    OutageImport,
    RemedyLine,
    Service,
)
from reclamo.casework.services import OPEN_STATUSES
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.customers.models import Customer
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.domain.remedies import CENT, Money, outage_credit
from reclamo.domain.vocabulary import EQUIPMENT_OWNERSHIPS, OUTAGE_CAUSES
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

T = TypeVar("T")
_CHUNK = 1000  # references per IN (...) look-up, well under SQLite's variable limit


class ImportRejected(ApplicationError):
    """A file with bad rows: every problem, nothing imported."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(
            "import_rejected",
            "\n".join(str(problem) for problem in problems),
            status=422,
        )
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class CreditsReport:
    outage: str
    credits: int
    total: Decimal
    currency: str
    linked_cases: int = 0
    automatic_credits: int = 0


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _by_reference(
    model: type[Any], provider: Provider, field: str, references: Iterable[str]
) -> dict[str, Any]:
    wanted = sorted(set(references))
    found: dict[str, Any] = {}
    for chunk in _chunks(wanted):
        for row in model.objects.filter(provider=provider, **{f"{field}__in": chunk}):
            found[getattr(row, field)] = row
    return found


def _current_policy(provider: Provider) -> Policy:
    return policy_of(policy_in_force(provider=provider, at=timezone.now()))


def _read(path: Path, required: Sequence[str], optional: Sequence[str]) -> list[Row]:
    rows, problems = csv_rows(path, required=required, optional=optional)
    if problems:
        raise ImportRejected(problems)
    return rows


def _duplicates(rows: Sequence[Row], key: str) -> None:
    first: dict[str, int] = {}
    for row in rows:
        value = row.values.get(key, "").strip()
        if value in first:
            row.fail(key, f"{value!r} is already on line {first[value]}")
        elif value:
            first[value] = row.line


def _reject_if_problems(rows: Sequence[Row]) -> None:
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.line))


def _event(provider: Provider, actor: str, type: str, data: dict[str, Any]) -> None:
    BillingEvent.objects.create(provider=provider, actor=actor, type=type, data=data)


def _save(
    model: type[Any], wanted: list[Any], existing: dict[str, Any], key: str, fields: Sequence[str]
) -> ImportReport:
    """Create the new rows, update the changed ones, leave the others untouched."""
    new, changed = [], []
    for row in wanted:
        stored = existing.get(getattr(row, key))
        if stored is None:
            new.append(row)
        elif any(getattr(stored, name) != getattr(row, name) for name in fields):
            for name in fields:
                setattr(stored, name, getattr(row, name))
            changed.append(stored)
    model.objects.bulk_create(new, batch_size=1000)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=1000)
    return ImportReport(len(new), len(changed), len(wanted) - len(new) - len(changed))


# Services ---------------------------------------------------------------------------------------

SERVICE_COLUMNS = (
    "customer_reference",
    "service_reference",
    "monthly_fee",
    "currency",
    "started_on",
)
SERVICE_OPTIONAL = (
    "name",
    "ended_on",
    "equipment",
    "equipment_since",
    "customer_name",
    "customer_email",
    "customer_phone",
    "customer_language",
)
_SERVICE_FIELDS = (
    "customer",
    "name",
    "monthly_fee",
    "currency",
    "started_on",
    "ended_on",
    "equipment",
    "equipment_since",
)


def services_import(*, provider: Provider, path: Path, actor: str = "system") -> ImportReport:
    """Import a customer's services. A customer is found by reference; one not yet known is
    added where the row names it (``customer_name``), else the row is refused."""
    rows = _read(path, SERVICE_COLUMNS, SERVICE_OPTIONAL)
    policy = _current_policy(provider)
    _duplicates(rows, "service_reference")
    customers = _by_reference(
        Customer, provider, "reference", (r.values["customer_reference"].strip() for r in rows)
    )
    languages = tuple(policy.languages)
    named = {
        row.values["customer_reference"].strip()
        for row in rows
        if (row.values.get("customer_name") or "").strip()
    }
    parsed: list[tuple[Row, dict[str, Any]]] = []
    for row in rows:
        customer_ref = row.text("customer_reference", max_length=100)
        values: dict[str, Any] = {
            "reference": row.text("service_reference", max_length=100),
            "name": row.text("name", max_length=200, required=False),
            "monthly_fee": row.amount("monthly_fee"),
            "currency": row.currency("currency", policy.currency),
            "started_on": row.day("started_on"),
            "ended_on": row.day("ended_on", required=False),
            "equipment": row.choice("equipment", EQUIPMENT_OWNERSHIPS, default=""),
            "equipment_since": row.day("equipment_since", required=False),
        }
        if (
            values["ended_on"]
            and values["started_on"]
            and values["ended_on"] < values["started_on"]
        ):
            row.fail("ended_on", "before started_on")
        if not values["equipment"] and values["equipment_since"]:
            row.fail("equipment_since", "given for a service without equipment")
        if customer_ref and customer_ref not in customers:
            # A customer not yet known is added by the first row that names it.
            name = row.text("customer_name", max_length=200, required=False)
            if not name and customer_ref not in named:
                row.fail(
                    "customer_reference",
                    f"no customer {customer_ref!r}; add customer_name to create one",
                )
            language = row.choice("customer_language", languages, default=policy.default_language)
            values["new_customer"] = {
                "name": name,
                "email": row.text("customer_email", max_length=254, required=False).lower(),
                "phone": row.text("customer_phone", max_length=32, required=False),
                "language": language,
            }
        values["customer_reference"] = customer_ref
        parsed.append((row, values))
    _reject_if_problems(rows)
    with transaction.atomic(durable=True):
        for _row, values in parsed:
            reference = values["customer_reference"]
            if reference not in customers and values["new_customer"]["name"]:
                customers[reference] = Customer.objects.create(
                    provider=provider, reference=reference, **values["new_customer"]
                )
        existing = _by_reference(
            Service, provider, "reference", (v["reference"] for _, v in parsed)
        )
        wanted = [
            Service(
                provider=provider,
                customer=customers[values["customer_reference"]],
                **{
                    k: v
                    for k, v in values.items()
                    if k not in {"customer_reference", "new_customer"}
                },
            )
            for _row, values in parsed
        ]
        report = _save(Service, wanted, existing, "reference", _SERVICE_FIELDS)
        _event(provider, actor, "services_imported", {"file": path.name, **report_data(report)})
    return report


def report_data(report: ImportReport) -> dict[str, int]:
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}


# Invoices ---------------------------------------------------------------------------------------

INVOICE_COLUMNS = (
    "invoice_number",
    "customer_reference",
    "period_start",
    "period_end",
    "amount",
    "currency",
    "due_on",
)
INVOICE_OPTIONAL = ("service_reference", "delivered_on")
_INVOICE_FIELDS = (
    "customer",
    "service",
    "period_start",
    "period_end",
    "amount",
    "currency",
    "delivered_on",
    "due_on",
)


def invoices_import(*, provider: Provider, path: Path, actor: str = "system") -> ImportReport:
    """Import invoices (period, amount, delivery and due dates) of known customers."""
    rows = _read(path, INVOICE_COLUMNS, INVOICE_OPTIONAL)
    policy = _current_policy(provider)
    _duplicates(rows, "invoice_number")
    customers = _by_reference(
        Customer, provider, "reference", (r.values["customer_reference"].strip() for r in rows)
    )
    services = _by_reference(
        Service,
        provider,
        "reference",
        (r.values.get("service_reference", "").strip() for r in rows),
    )
    wanted: list[Invoice] = []
    for row in rows:
        customer_ref = row.text("customer_reference", max_length=100)
        service_ref = row.text("service_reference", max_length=100, required=False)
        customer = customers.get(customer_ref)
        if customer_ref and customer is None:
            row.fail("customer_reference", f"no customer {customer_ref!r}")
        service = services.get(service_ref) if service_ref else None
        if service_ref and service is None:
            row.fail("service_reference", f"no service {service_ref!r}")
        elif service is not None and customer is not None and service.customer_id != customer.pk:
            row.fail("service_reference", f"{service_ref!r} is another customer's service")
        start, end = row.day("period_start"), row.day("period_end")
        if start and end and end < start:
            row.fail("period_end", "before period_start")
        fields: dict[str, Any] = {
            "number": row.text("invoice_number", max_length=100),
            "period_start": start,
            "period_end": end,
            "amount": row.amount("amount"),
            "currency": row.currency("currency", policy.currency),
            "delivered_on": row.day("delivered_on", required=False),
            "due_on": row.day("due_on"),
        }
        wanted.append(Invoice(provider=provider, customer=customer, service=service, **fields))
    _reject_if_problems(rows)
    with transaction.atomic(durable=True):
        existing = _by_reference(Invoice, provider, "number", (i.number for i in wanted))
        report = _save(Invoice, wanted, existing, "number", _INVOICE_FIELDS)
        _event(provider, actor, "invoices_imported", {"file": path.name, **report_data(report)})
    return report


# Outages ----------------------------------------------------------------------------------------

OUTAGE_COLUMNS = ("outage_reference", "started_at", "ended_at", "cause")
OUTAGE_OPTIONAL = ("customer_reference", "area", "description")
_OUTAGE_FIELDS = ("started_at", "ended_at", "cause", "area", "description")


def outages_import(
    *, provider: Provider, path: Path, actor: str = "system"
) -> tuple[ImportReport, list[Outage]]:
    """Import outages, one row per affected customer (the outage's columns repeated, the same on
    every row of it). The customers a file lists for an outage are all it affected. Answers the
    report and the outages whose data or customers changed (their credits are due again)."""
    rows = _read(path, OUTAGE_COLUMNS, OUTAGE_OPTIONAL)
    outages, affected = outage_rows_check(provider=provider, rows=rows)
    with transaction.atomic(durable=True):
        return outage_rows_write(
            provider=provider, outages=outages, affected=affected, actor=actor, source=path.name
        )


def outage_rows_check(
    *, provider: Provider, rows: Sequence[Row]
) -> tuple[dict[str, Outage], dict[str, set[int]]]:
    """The outages the rows describe and the customers each affected; every bad row is reported
    (``ImportRejected``). Shared by the CSV import and the API."""
    customers = _by_reference(
        Customer,
        provider,
        "reference",
        (r.values.get("customer_reference", "").strip() for r in rows),
    )
    outages: dict[str, Outage] = {}
    first_line: dict[str, int] = {}
    affected: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        reference = row.text("outage_reference", max_length=100)
        fields: dict[str, Any] = {
            "started_at": row.instant("started_at"),
            "ended_at": row.instant("ended_at"),
            "cause": row.choice("cause", OUTAGE_CAUSES),
            "area": row.text("area", max_length=200, required=False),
            "description": row.text("description", max_length=5000, required=False),
        }
        outage = Outage(provider=provider, reference=reference, **fields)
        if outage.started_at and outage.ended_at and outage.ended_at <= outage.started_at:
            row.fail("ended_at", "not after started_at")
        earlier = outages.get(reference)
        if earlier is None:
            outages[reference], first_line[reference] = outage, row.line
        else:
            for name in _OUTAGE_FIELDS:
                if getattr(earlier, name) != getattr(outage, name):
                    row.fail(name, f"differs from line {first_line[reference]} of this outage")
        customer_ref = row.text("customer_reference", max_length=100, required=False)
        if customer_ref:
            customer = customers.get(customer_ref)
            if customer is None:
                row.fail("customer_reference", f"no customer {customer_ref!r}")
            elif customer.pk in affected[reference]:
                row.fail(
                    "customer_reference", f"{customer_ref!r} is listed twice for {reference!r}"
                )
            else:
                affected[reference].add(customer.pk)
    _reject_if_problems(rows)
    return outages, affected


def outage_rows_write(
    *,
    provider: Provider,
    outages: dict[str, Outage],
    affected: dict[str, set[int]],
    actor: str,
    source: str,
) -> tuple[ImportReport, list[Outage]]:
    """Write checked outages and their affected customers; runs inside the caller's
    transaction. Answers the report and the outages whose data or customers changed."""
    existing = _by_reference(Outage, provider, "reference", outages)
    changed_refs = {
        ref
        for ref, outage in outages.items()
        if ref not in existing
        or any(getattr(existing[ref], n) != getattr(outage, n) for n in _OUTAGE_FIELDS)
    }
    report = _save(Outage, list(outages.values()), existing, "reference", _OUTAGE_FIELDS)
    stored = _by_reference(Outage, provider, "reference", outages)
    for reference, outage in stored.items():
        have = set(
            AffectedCustomer.objects.filter(outage=outage).values_list("customer_id", flat=True)
        )
        want = affected[reference]
        if have != want:
            changed_refs.add(reference)
            AffectedCustomer.objects.filter(outage=outage, customer_id__in=have - want).delete()
            AffectedCustomer.objects.bulk_create(
                [AffectedCustomer(outage=outage, customer_id=pk) for pk in want - have],
                batch_size=1000,
            )
    _event(provider, actor, "outages_imported", {"file": source, **report_data(report)})
    return report, [stored[ref] for ref in sorted(changed_refs)]


# Outage credits ---------------------------------------------------------------------------------


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
    zone = ZoneInfo(policy.time_zone)
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
        for chunk in _chunks(list(fees), fees_per_statement):
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
    _event(
        provider,
        actor,
        "outage_credits_computed",
        {
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
    for chunk in _chunks(list(caused)):
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


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _automatic_credits_apply(outage: Outage, time_zone: str, actor: str, now: datetime) -> int:
    """A policy with ``outage_credit.automatic``: every affected customer's credits applied
    without a claim, on the next invoice (dated the first day of the month after the outage),
    each with a letter queued (``letter_status``). Set-based; a customer already credited for
    this outage is left as applied."""
    remedy_table = AppliedRemedy._meta.db_table
    line_table = RemedyLine._meta.db_table
    credit_table = OutageCredit._meta.db_table
    credited_on = _first_of_next_month(outage.ended_at.astimezone(ZoneInfo(time_zone)).date())
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


# Outages through the API, bulk and idempotent ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutagesAnswer:
    status: int
    body: dict[str, Any]
    replayed: bool = False


def _stored(provider: Provider, key: str, fingerprint: str) -> OutagesAnswer | None:
    stored = OutageImport.objects.filter(provider=provider, idempotency_key=key).first()
    if stored is None:
        return None
    if stored.request_fingerprint != fingerprint:
        raise ApplicationError(
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request; send a new key "
            "for a new request.",
            "Idempotency-Key",
        )
    return OutagesAnswer(stored.response_status, stored.response_body, replayed=True)


def outages_receive(
    *,
    provider: Provider,
    rows: Sequence[Row],
    actor: str,
    key: str | None = None,
    fingerprint: str = "",
) -> OutagesAnswer:
    """Outages from the provider's network systems (the API's bulk import): checked as the CSV
    import checks them (every problem at once, nothing written from a bad request), then
    written with every changed outage's consequences — credits, linked cases, automatic
    credits — in one transaction. With ``key`` (``Idempotency-Key``), a repeat of the same
    request answers the first answer again and changes nothing; the same key with another
    body is refused (409 ``idempotency_key_reused``)."""
    if key is not None and (answer := _stored(provider, key, fingerprint)) is not None:
        return answer
    outages, affected = outage_rows_check(provider=provider, rows=rows)
    try:
        with transaction.atomic(durable=True):
            report, changed = outage_rows_write(
                provider=provider, outages=outages, affected=affected, actor=actor, source="api"
            )
            reports = [outage_credits_write(outage=outage, actor=actor) for outage in changed]
            body: dict[str, Any] = {
                **report_data(report),
                "outages": [
                    {
                        "reference": credits.outage,
                        "credits": credits.credits,
                        "total": str(credits.total),
                        "currency": credits.currency,
                        "linked_cases": credits.linked_cases,
                        "automatic_credits": credits.automatic_credits,
                    }
                    for credits in reports
                ],
            }
            if key is not None:
                OutageImport.objects.create(
                    provider=provider,
                    idempotency_key=key,
                    request_fingerprint=fingerprint,
                    response_status=200,
                    response_body=body,
                    created_at=timezone.now(),
                )
    except IntegrityError:
        # Another request with this key committed first (the unique key waited for it).
        if key is not None and (answer := _stored(provider, key, fingerprint)) is not None:
            return answer
        raise
    return OutagesAnswer(200, body)
