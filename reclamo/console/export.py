"""The console's CSV files (the register, the credits for the billing system): streamed row by
row from a server-side cursor, so a million rows cost the memory of one chunk, not of the file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from reclamo.complaints.selectors import RegisterFilters, complaint_register_rows
from reclamo.console.access import Console
from reclamo.csv_lines import CsvLines
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


def csv_lines(
    *, columns: Sequence[str], rows: QuerySet[Any, tuple[Any, ...]], time_zone: str
) -> Iterator[str]:
    """A CSV file's lines: a BOM (so spreadsheets read UTF-8), the header, then every row of
    ``rows`` (a ``values_list``), read from a server-side cursor a chunk at a time."""
    zone = get_zone(time_zone)
    out = CsvLines()
    yield "\ufeff" + out.line(columns)
    for row in rows.iterator(chunk_size=CHUNK):
        yield out.line(_cells(row, zone))


def csv_download(lines: Iterator[str], *, name: str, console: Console) -> StreamingHttpResponse:
    """``lines`` streamed as the file ``<name>-<provider>-<day>.csv``, dated in the provider's
    zone."""
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    day = timezone.now().astimezone(get_zone(console.zone)).date().isoformat()
    filename = f"{name}-{console.provider.slug}-{day}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def register_csv_lines(
    *, provider: Provider, filters: RegisterFilters, time_zone: str
) -> Iterator[str]:
    """The register's CSV lines: the header, then every case matching ``filters``."""
    rows = complaint_register_rows(
        provider=provider, filters=filters, time_zone=time_zone
    ).values_list(*_FIELDS)
    yield from csv_lines(columns=COLUMNS, rows=rows, time_zone=time_zone)
