"""The ANCOM table: the regulator's rows computed by hand from a small quarter."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from reclamo.domain.quality import Period
from reclamo.reporting.exports import ancom_csv_lines
from reclamo.reporting.models import ReportInput
from reclamo.reporting.selectors import quality_report
from reclamo.reporting.tests.conftest import case_create, local

pytestmark = pytest.mark.django_db
Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))


def test_the_ancom_rows_of_a_quarter(pronet) -> None:  # type: ignore[no-untyped-def]
    received = local(2026, 1, 10, 9)
    for number, taken in enumerate((10, 20, 30, 40)):
        case_create(
            pronet,
            received_at=received,
            statement_sent_at=received + timedelta(hours=taken),
            # The last one is answered after its deadline.
            resolution_due=received + timedelta(hours=35 if number == 3 else 100),
        )
    case_create(pronet, received_at=received, category="billing")
    for validity, taken in (("valid", 5), (None, 7), ("invalid", 1)):
        case_create(
            pronet,
            received_at=received,
            kind="fault_report",
            treated_as="fault_report",
            department="technical",
            fault_validity=validity,
            service_restored_at=received + timedelta(hours=taken),
        )
    for month in (1, 2, 3):
        for measure, value in (("active_lines", 200), ("bills_issued", 100)):
            ReportInput.objects.create(
                provider=pronet,
                month=date(2026, month, 1),
                measure=measure,
                value=value,
                imported_at=timezone.now(),
            )
    report = quality_report(provider=pronet, period=Q1, time_zone="Europe/Bucharest")
    rows = list(csv.reader(io.StringIO("".join(ancom_csv_lines([report])))))
    assert rows[0][2] == "2026-Q1 (01.01.2026–31.03.2026)"
    assert [row[2] for row in rows[1:]] == [
        "7.0",  # repairs 5 h and 7 h (the invalid report left out): ranks ⌈1.6⌉ = ⌈1.9⌉ = 2
        "7.0",
        "10.0",  # resolutions 10, 20, 30, 40 h: ranks ⌈0.8⌉ = 1, ⌈2⌉ = 2, ⌈3.2⌉ = ⌈3.8⌉ = 4
        "20.0",
        "40.0",
        "40.0",
        "75.00",  # three of four within the term
        "2.50",  # five complaints (four and the bill) per 200 lines on average
        "1.00",  # two valid fault reports per 200 lines
        "0.33",  # one bill complaint per 300 bills
    ]
    assert rows[1][0] == "Termenul de remediere a deranjamentelor"


def test_no_inputs_no_frequencies(pronet) -> None:  # type: ignore[no-untyped-def]
    report = quality_report(provider=pronet, period=Q1, time_zone="Europe/Bucharest")
    rows = list(csv.reader(io.StringIO("".join(ancom_csv_lines([report])))))
    assert [row[2] for row in rows[1:]] == [""] * 10
