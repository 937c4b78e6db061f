"""The register's CSV export: the filtered cases, local instants with offsets, formula-safe cells,
streamed from one query."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reclamo.complaints.models import Complaint
from reclamo.console.export import COLUMNS, cell_safe
from reclamo.console.synthetic import synthetic_cases_create
from reclamo.console.tests.conftest import case_register

URL = reverse("console:export", args=["pronet"])


def _rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[arg-type]
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.rule("T-6", "PC-14")
def test_the_export_has_every_column_in_local_time_oldest_first(staff_client, pronet) -> None:
    received = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)
    later = case_register(pronet, received_at=received + timedelta(hours=1), category="billing")
    first = case_register(pronet, received_at=received, category="billing")
    response = staff_client.get(URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = _rows(response)
    assert tuple(rows[0]) == COLUMNS
    assert [r["number"] for r in rows] == [first.number, later.number]
    row = rows[0]
    assert row["received_at"] == "2026-11-20T15:30:00+02:00"  # Bucharest, with its offset
    assert row["kind"] == "complaint" and row["channel"] == "api"
    assert row["category"] == "billing" and row["status"] == "registered"
    nearest = first.deadlines.order_by("due_at").first()
    assert nearest is not None
    assert datetime.fromisoformat(row["nearest_deadline"]) == nearest.due_at
    assert row["nearest_deadline"].endswith("+02:00")
    assert row["nearest_deadline_clock"] == nearest.clock


def test_the_export_follows_the_filters_and_the_tenant(staff_client, bundled_providers) -> None:
    pronet, unitel = bundled_providers["pronet"], bundled_providers["unitel"]
    now = timezone.now()
    wanted = case_register(pronet, received_at=now - timedelta(days=2), name="Ion Ionescu")
    case_register(pronet, received_at=now - timedelta(days=1))
    case_register(unitel, received_at=now - timedelta(days=1), name="Ion Ionescu")
    rows = _rows(staff_client.get(URL, {"q": "ionescu"}))
    assert [r["number"] for r in rows] == [wanted.number]


def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(staff_client, pronet) -> None:
    case = case_register(
        pronet,
        received_at=timezone.now() - timedelta(days=1),
        name='=HYPERLINK("http://evil.example","x")',
        subject="+1 charged twice",
    )
    Complaint.objects.filter(pk=case.pk).update(customer_email="@attacker@example.com")
    row = _rows(staff_client.get(URL))[0]
    assert row["customer_name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["subject"] == "'+1 charged twice"
    assert row["customer_email"] == "'@attacker@example.com"
    assert cell_safe("-2") == "'-2" and cell_safe("plain") == "plain"


def test_the_export_is_one_query_however_many_cases(staff_client, pronet) -> None:
    synthetic_cases_create(provider=pronet, count=30, seed=4)
    response = staff_client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        rows = _rows(response)
    assert len(rows) == 30
    assert len(queries) == 1
