"""Writes of the reporting area: the inputs a provider imports, and the monthly report mail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction

from reclamo.providers.models import Provider
from reclamo.reporting.inputs import InputRow
from reclamo.reporting.models import ReportInput


def report_inputs_import(
    *, provider: Provider, rows: Sequence[InputRow], source: str, now: datetime
) -> int:
    """Store the rows (a figure given again for the same month replaces the earlier one), all
    or none; returns how many rows were stored."""
    with transaction.atomic(durable=True):
        ReportInput.objects.bulk_create(
            [
                ReportInput(
                    provider=provider,
                    month=row.month,
                    measure=row.measure,
                    service=row.service,
                    value=row.value,
                    imported_at=now,
                    source=source[:255],
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["provider", "measure", "service", "month"],
            update_fields=["value", "imported_at", "source"],
        )
    return len(rows)
