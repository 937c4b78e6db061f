"""Outages from the provider's network systems, each with the customers it affected: the CSV
import (``import_outages``) and the API's bulk receive, checked alike — every bad row reported at
once, nothing written from a bad file or request. What a changed outage brings (credits, linked
cases, automatic credits) is :mod:`reclamo.billing.outage_credits`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from reclamo.billing.csv_rows import Row
from reclamo.billing.events import transaction_required
from reclamo.billing.imports import (
    ImportReport,
    by_reference,
    chunks,
    import_event_record,
    read_rows,
    reject_if_problems,
    report_data,
    save_rows,
)
from reclamo.billing.models import AffectedCustomer, Outage, OutageImport
from reclamo.billing.outage_credits import outage_credits_write
from reclamo.customers.models import Customer
from reclamo.domain.vocabulary import OUTAGE_CAUSES
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider

# The CSV import, and the rows it shares with the API --------------------------------------------

OUTAGE_COLUMNS = ("outage_reference", "started_at", "ended_at", "cause")
OUTAGE_OPTIONAL = ("customer_reference", "area", "description")
_OUTAGE_FIELDS = ("started_at", "ended_at", "cause", "area", "description")


def outages_import(
    *, provider: Provider, path: Path, actor: str = "system"
) -> tuple[ImportReport, list[Outage]]:
    """Import outages, one row per affected customer (the outage's columns repeated, the same on
    every row of it). The customers a file lists for an outage are all it affected. Answers the
    report and the outages whose data or customers changed (their credits are due again)."""
    rows = read_rows(path, OUTAGE_COLUMNS, OUTAGE_OPTIONAL)
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
    customers = by_reference(
        Customer,
        provider,
        "reference",
        (r.values.get("customer_reference", "").strip() for r in rows),
    )
    outages: dict[str, Outage] = {}
    # An outage's first row, by reference: its line and fields, which every later row repeats.
    first: dict[str, tuple[int, dict[str, Any]]] = {}
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
        started_at, ended_at = fields["started_at"], fields["ended_at"]
        if started_at and ended_at and ended_at <= started_at:
            row.fail("ended_at", "not after started_at")
        if reference not in first:
            # One Outage per reference, not per row: a big outage has a row per customer.
            first[reference] = (row.line, fields)
            outages[reference] = Outage(provider=provider, reference=reference, **fields)
        else:
            line, earlier = first[reference]
            for name in _OUTAGE_FIELDS:
                if earlier[name] != fields[name]:
                    row.fail(name, f"differs from line {line} of this outage")
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
    reject_if_problems(rows)
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
    transaction_required("outage_rows_write")
    existing = by_reference(Outage, provider, "reference", outages)
    report, changed_refs = save_rows(
        Outage, list(outages.values()), existing, "reference", _OUTAGE_FIELDS
    )
    # bulk_create gave the new outages their pks and save_rows updated the changed ones in
    # place, so nothing needs reading again.
    stored = {ref: existing.get(ref, outage) for ref, outage in outages.items()}
    # A new outage has no customers yet: only the stored ones are read, all in a few queries.
    have: dict[int, set[int]] = defaultdict(set)
    for chunk in chunks([outage.pk for outage in existing.values()]):
        pairs = AffectedCustomer.objects.filter(outage_id__in=chunk).values_list(
            "outage_id", "customer_id"
        )
        for outage_id, customer_id in pairs:
            have[outage_id].add(customer_id)
    added: list[AffectedCustomer] = []
    for reference, outage in stored.items():
        had, want = have[outage.pk], affected[reference]
        if had != want:
            changed_refs.add(reference)
            if gone := had - want:
                AffectedCustomer.objects.filter(outage=outage, customer_id__in=gone).delete()
            added += [AffectedCustomer(outage=outage, customer_id=pk) for pk in want - had]
    AffectedCustomer.objects.bulk_create(added, batch_size=1000)
    import_event_record(provider, actor, "outages_imported", source, report)
    return report, [stored[ref] for ref in sorted(changed_refs)]


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
