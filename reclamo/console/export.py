"""The register as CSV: streamed row by row from a server-side cursor, so a million cases cost
the memory of one chunk, not of the file."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from reclamo.complaints.selectors import RegisterFilters, complaint_register_rows
from reclamo.domain.calendar import get_zone
from reclamo.providers.models import Provider

COLUMNS = (
    "number",
    "received_at",
    "registered_at",
    "kind",
    "treated_as",
    "category",
    "channel",
    "department",
    "status",
    "customer_name",
    "customer_email",
    "subject",
    "nearest_deadline",
    "nearest_deadline_clock",
)
_FIELDS = (
    "number",
    "received_at",
    "registered_at",
    "kind",
    "treated_as",
    "category",
    "channel",
    "department",
    "status",
    "customer_name",
    "customer_email",
    "subject",
    "nearest_due_at",
    "nearest_clock",
)
# A cell a spreadsheet would run as a formula (CSV injection): customers write the subject and
# their name, so such cells get a leading apostrophe and are read as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000


def cell_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


class _Line:
    """A write-only file for csv.writer that hands back the line just written."""

    def write(self, value: str) -> str:
        return value


def _cells(row: tuple[Any, ...], zone: Any) -> list[str]:
    cells = []
    for value in row:
        if value is None:
            cells.append("")
        elif isinstance(value, datetime):
            # T-6: local time with its offset, so the instant is unambiguous and readable.
            cells.append(value.astimezone(zone).isoformat())
        else:
            cells.append(cell_safe(str(value)))
    return cells


def register_csv_lines(
    *, provider: Provider, filters: RegisterFilters, time_zone: str
) -> Iterator[str]:
    """The CSV file's lines: a BOM (so spreadsheets read UTF-8), the header, then every case."""
    zone = get_zone(time_zone)
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)
    rows: Iterable[tuple[Any, ...]] = (
        complaint_register_rows(provider=provider, filters=filters, time_zone=time_zone)
        .values_list(*_FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        yield writer.writerow(_cells(row, zone))
