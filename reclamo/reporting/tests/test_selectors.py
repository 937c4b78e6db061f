"""The quality indicators on a hand-built register, every figure worked out by hand below.

Period: the third quarter of 2026 in Bucharest (1 July 00:00 to 30 September 24:00, UTC+3).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from reclamo.domain.quality import Period, hours
from reclamo.reporting.models import ReportInput
from reclamo.reporting.selectors import quality_report
from reclamo.reporting.tests.conftest import case_create, local

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
ZONE = "Europe/Bucharest"
H = timedelta(hours=1)


def _percentiles(values: dict[int, timedelta | None]) -> dict[int, Decimal | None]:
    return {percent: hours(value) for percent, value in values.items()}


@pytest.fixture
def register(pronet, unitel):  # type: ignore[no-untyped-def]
    # Complaints. C1 and C2 take 10 h each (a tie); C3 30 h 15 min, late for its first deadline
    # but within the extended one; C4 was received in June and resolved in July, late.
    c1 = local(2026, 7, 1, 0, 30)  # the period's first half hour
    case_create(
        pronet,
        received_at=c1,
        statement_sent_at=c1 + 10 * H,
        resolution_due=c1 + timedelta(days=30),
    )
    c2 = local(2026, 7, 2, 10)
    case_create(
        pronet,
        received_at=c2,
        statement_sent_at=c2 + 10 * H,
        resolution_due=c2 + timedelta(days=30),
    )
    c3 = local(2026, 7, 5, 10)
    case_create(
        pronet,
        received_at=c3,
        statement_sent_at=c3 + timedelta(hours=30, minutes=15),
        resolution_due=c3 + timedelta(hours=24),
        extended_due=c3 + timedelta(days=60),
    )
    c4 = local(2026, 6, 20, 10)
    case_create(
        pronet,
        received_at=c4,
        statement_sent_at=local(2026, 7, 10, 10),
        resolution_due=c4 + timedelta(days=15),
        department="technical",
    )
    # C5 the period's last half hour, open; C6 just after, C8 just before: not in the period.
    case_create(pronet, received_at=local(2026, 9, 30, 23, 30), department="technical")
    case_create(pronet, received_at=local(2026, 10, 1, 0, 10))
    case_create(pronet, received_at=local(2026, 6, 30, 23, 59))
    # C7: a bill complaint received in July, answered in October.
    case_create(
        pronet,
        received_at=local(2026, 7, 15, 9),
        category="billing",
        statement_sent_at=local(2026, 10, 2, 9),
    )

    # Fault reports (department "technical"): F1 4 h 15 min, F2 not assessed yet (valid) 2 h,
    # F3 caused by the customer, F4 found invalid, F5 repaired in October, F6 a phone complaint
    # treated as a fault report (UN-1) 46 h 30 min, F7 20 h, F8 3 h.
    def fault(received, validity, repair):  # type: ignore[no-untyped-def]
        return case_create(
            pronet,
            received_at=received,
            kind="fault_report",
            treated_as="fault_report",
            department="technical",
            fault_validity=validity,
            service_restored_at=received + repair if isinstance(repair, timedelta) else repair,
        )

    fault(local(2026, 7, 3, 8), "valid", timedelta(hours=4, minutes=15))
    fault(local(2026, 7, 4, 8), None, 2 * H)
    fault(local(2026, 7, 5, 8), "customer_caused", 1 * H)
    fault(local(2026, 7, 6, 8), "invalid", None)
    fault(local(2026, 9, 30, 20), "valid", local(2026, 10, 1, 10))
    f6 = fault(local(2026, 7, 7, 8), "valid", timedelta(hours=46, minutes=30))
    f6.kind = "complaint"
    f6.save()
    fault(local(2026, 8, 1, 8), "valid", 20 * H)
    fault(local(2026, 8, 2, 8), "valid", 3 * H)

    # Another provider's cases never count.
    case_create(unitel, received_at=local(2026, 7, 2, 10), statement_sent_at=local(2026, 7, 3))
    return pronet


def test_worked_example_complaints(register) -> None:  # type: ignore[no-untyped-def]
    report = quality_report(provider=register, period=Q3, time_zone=ZONE)
    total = report.total
    # Received: C1, C2, C3, C5, C7. Resolved in Q3: C1, C2, C3, C4 → 10, 10, 30.25, 480 h.
    assert total.complaints_received == 5
    assert total.complaints_resolved == 4
    # p20: rank ⌈0.8⌉ = 1 → 10; p50: rank 2 → 10; p80: ⌈3.2⌉ = 4 → 480; p95: ⌈3.8⌉ = 4 → 480.
    assert _percentiles(total.resolution) == {
        20: Decimal("10.0"),
        50: Decimal("10.0"),
        80: Decimal("480.0"),
        95: Decimal("480.0"),
    }
    # Within term: C1, C2, C3 (extended deadline); C4 was late: 3 of 4.
    assert total.within_term_share == "0.75"
    assert total.billing_complaints_received == 1


def test_worked_example_per_department(register) -> None:  # type: ignore[no-untyped-def]
    departments = quality_report(provider=register, period=Q3, time_zone=ZONE).departments
    commercial, technical = departments["commercial"], departments["technical"]
    # Commercial resolved C1, C2, C3 (10, 10, 30.25 h): ranks 1, 2, ⌈2.4⌉ = 3, ⌈2.85⌉ = 3.
    assert _percentiles(commercial.resolution) == {
        20: Decimal("10.0"),
        50: Decimal("10.0"),
        80: Decimal("30.3"),
        95: Decimal("30.3"),
    }
    assert commercial.within_term_share == "1.00"
    assert commercial.complaints_received == 4
    # Technical resolved C4 alone: one case is every percentile; it was late.
    assert set(_percentiles(technical.resolution).values()) == {Decimal("480.0")}
    assert technical.within_term_share == "0.00"
    assert technical.complaints_received == 1
    assert technical.fault_reports_received == 8


def test_worked_example_fault_reports(register) -> None:  # type: ignore[no-untyped-def]
    total = quality_report(provider=register, period=Q3, time_zone=ZONE).total
    # Received F1–F8; valid F1, F2, F5, F6, F7, F8 (F3 customer-caused, F4 invalid).
    assert total.fault_reports_received == 8
    assert total.fault_reports_valid == 6
    # Repaired in Q3: F1 4.25, F2 2, F6 46.5, F7 20, F8 3 h → 2, 3, 4.25, 20, 46.5;
    # p80 rank 4 → 20; p95 rank ⌈4.75⌉ = 5 → 46.5.
    assert total.fault_reports_repaired == 5
    assert _percentiles(total.repair) == {80: Decimal("20.0"), 95: Decimal("46.5")}


def test_rates_from_the_imported_inputs(register) -> None:  # type: ignore[no-untyped-def]
    def figure(month: int, measure: str, service: str, value: int) -> None:
        ReportInput.objects.create(
            provider=register,
            month=date(2026, month, 1),
            measure=measure,
            service=service,
            value=value,
            imported_at=local(2026, 10, 1),
        )

    figure(7, "active_lines", "internet", 900)
    figure(7, "active_lines", "tv", 100)
    figure(8, "active_lines", "internet", 1100)
    figure(8, "active_lines", "tv", 100)
    figure(7, "bills_issued", "", 500)
    figure(8, "bills_issued", "", 500)
    report = quality_report(provider=register, period=Q3, time_zone=ZONE)
    # Lines: July 1000, August 1200, September not given → average 1100; 6 valid reports
    # → 6 / 1100 × 100 = 0.5454… → "0.55".
    assert report.fault_reports_per_100_lines == "0.55"
    # Bills: September is missing, so no rate rather than a rate over two months of bills.
    assert report.billing_complaints_per_1000_bills is None
    figure(9, "bills_issued", "", 1000)
    report = quality_report(provider=register, period=Q3, time_zone=ZONE)
    # 1 bill complaint per 2000 bills → 0.5 per 1000.
    assert report.billing_complaints_per_1000_bills == "0.50"


def test_no_case_no_figures(pronet) -> None:  # type: ignore[no-untyped-def]
    report = quality_report(provider=pronet, period=Q3, time_zone=ZONE)
    assert report.total.complaints_received == 0
    assert set(report.total.resolution.values()) == {None}
    assert set(report.total.repair.values()) == {None}
    assert report.total.within_term_share is None
    assert report.departments == {}
    assert report.fault_reports_per_100_lines is None


def test_a_department_filter_and_another_provider(register, unitel) -> None:  # type: ignore[no-untyped-def]
    report = quality_report(provider=register, period=Q3, time_zone=ZONE, department="technical")
    assert list(report.departments) == ["technical"]
    assert report.total.complaints_resolved == 1
    other = quality_report(provider=unitel, period=Q3, time_zone=ZONE)
    assert other.total.complaints_received == 1
    assert other.total.complaints_resolved == 1


def test_the_report_costs_five_queries(register, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(5):
        quality_report(provider=register, period=Q3, time_zone=ZONE)
