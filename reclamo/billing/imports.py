"""CSV imports of the billing data — a customer's services and invoices — and what every import
shares (the outages' import is :mod:`reclamo.billing.outages`).

An import checks the whole file first and reports every bad row as ``FILE:LINE: field: message``
(``ImportRejected``); nothing is written from a bad file. Rows are keyed by the provider's own
references, so importing the same rows again changes nothing. Each import writes in one
``transaction.atomic(durable=True)`` with its audit event (``BillingEvent``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from reclamo.billing.csv_rows import Row, RowProblem, csv_rows
from reclamo.billing.events import billing_event_record
from reclamo.billing.models import Invoice, Service
from reclamo.customers.models import Customer
from reclamo.domain.policy import Policy
from reclamo.domain.vocabulary import EQUIPMENT_OWNERSHIPS
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


def report_data(report: ImportReport) -> dict[str, int]:
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}


def import_event_record(
    provider: Provider, actor: str, type: str, source: str, report: ImportReport
) -> None:
    billing_event_record(
        provider=provider,
        actor=actor,
        type=type,
        data={"file": source, **report_data(report)},
    )


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def by_reference(
    model: type[Any], provider: Provider, field: str, references: Iterable[str]
) -> dict[str, Any]:
    wanted = sorted(set(references))
    found: dict[str, Any] = {}
    for chunk in chunks(wanted):
        for row in model.objects.filter(provider=provider, **{f"{field}__in": chunk}):
            found[getattr(row, field)] = row
    return found


def _current_policy(provider: Provider) -> Policy:
    return policy_of(policy_in_force(provider=provider, at=timezone.now()))


def read_rows(path: Path, required: Sequence[str], optional: Sequence[str]) -> list[Row]:
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


def reject_if_problems(rows: Sequence[Row]) -> None:
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: p.line))


def save_rows(
    model: type[Any], wanted: list[Any], existing: dict[str, Any], key: str, fields: Sequence[str]
) -> tuple[ImportReport, set[str]]:
    """Create the new rows, update the changed ones, leave the others untouched. Answers the
    report and the keys of the rows created or changed."""
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
    report = ImportReport(len(new), len(changed), len(wanted) - len(new) - len(changed))
    return report, {getattr(row, key) for row in (*new, *changed)}


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
    rows = read_rows(path, SERVICE_COLUMNS, SERVICE_OPTIONAL)
    policy = _current_policy(provider)
    _duplicates(rows, "service_reference")
    customers = by_reference(
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
    reject_if_problems(rows)
    with transaction.atomic(durable=True):
        for _row, values in parsed:
            reference = values["customer_reference"]
            if reference not in customers and values["new_customer"]["name"]:
                customers[reference] = Customer.objects.create(
                    provider=provider, reference=reference, **values["new_customer"]
                )
        existing = by_reference(Service, provider, "reference", (v["reference"] for _, v in parsed))
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
        report, _written = save_rows(Service, wanted, existing, "reference", _SERVICE_FIELDS)
        import_event_record(provider, actor, "services_imported", path.name, report)
    return report


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
    rows = read_rows(path, INVOICE_COLUMNS, INVOICE_OPTIONAL)
    policy = _current_policy(provider)
    _duplicates(rows, "invoice_number")
    customers = by_reference(
        Customer, provider, "reference", (r.values["customer_reference"].strip() for r in rows)
    )
    services = by_reference(
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
    reject_if_problems(rows)
    with transaction.atomic(durable=True):
        existing = by_reference(Invoice, provider, "number", (i.number for i in wanted))
        report, _written = save_rows(Invoice, wanted, existing, "number", _INVOICE_FIELDS)
        import_event_record(provider, actor, "invoices_imported", path.name, report)
    return report
