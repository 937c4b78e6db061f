"""CSV imports of billing data: every bad row reported as FILE:LINE: field: message, nothing
imported from a bad file, and the same rows imported twice change nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from reclamo.billing.imports import ImportRejected, invoices_import, services_import
from reclamo.billing.models import AffectedCustomer, BillingEvent, Invoice, Outage, Service
from reclamo.billing.tests.helpers import SERVICES, csv_file
from reclamo.customers.models import Customer

pytestmark = pytest.mark.django_db


def test_services_import_adds_customers_and_services_and_a_second_run_changes_nothing(
    bundled_providers: dict[str, Any], tmp_path: Path
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    path = csv_file(tmp_path, "services.csv", SERVICES)
    report = services_import(provider=petrocomp, path=path)
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    service = Service.objects.get(reference="S2")
    assert (service.customer.name, service.monthly_fee, service.equipment) == (
        "Eva Horváthová",
        Decimal("30.00"),
        "purchased",
    )
    assert Customer.objects.filter(provider=petrocomp).count() == 3
    again = services_import(provider=petrocomp, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = csv_file(tmp_path, "changed.csv", SERVICES.replace("30.00", "32.50"))
    assert services_import(provider=petrocomp, path=changed).updated == 1
    assert Service.objects.get(reference="S2").monthly_fee == Decimal("32.50")
    assert list(BillingEvent.objects.values_list("type", flat=True)) == ["services_imported"] * 3


def test_a_bad_file_reports_every_row_by_line_and_field_and_imports_nothing(
    bundled_providers: dict[str, Any], tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path,
        "bad.csv",
        """
customer_reference,service_reference,monthly_fee,currency,started_on,customer_name
C1,S1,15.00,EUR,2025-01-01,Ján Novák
C2,S2,15.5,USD,2025-13-01,
C3,S1,12.9.0,EUR,2025-01-01,Peter Kováč
""",
    )
    with pytest.raises(ImportRejected) as rejected:
        services_import(provider=bundled_providers["petrocomp"], path=path)
    assert [str(problem) for problem in rejected.value.problems] == [
        f"{path}:3: currency: USD is not this provider's currency EUR",
        f"{path}:3: started_on: '2025-13-01' is not a date; write YYYY-MM-DD",
        f"{path}:3: customer_reference: no customer 'C2'; add customer_name to create one",
        f"{path}:4: service_reference: 'S1' is already on line 2",
        f"{path}:4: monthly_fee: '12.9.0' is not an amount — digits, a dot and at most two "
        'decimals, e.g. "20.00"',
    ]
    assert not Service.objects.exists() and not Customer.objects.exists()


def test_a_missing_or_unknown_column_is_reported_on_line_1(
    bundled_providers: dict[str, Any], tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "cols.csv", "customer_reference,service_ref,monthly_fee\nC1,S1,1")
    with pytest.raises(ImportRejected) as rejected:
        services_import(provider=bundled_providers["petrocomp"], path=path)
    messages = [str(problem) for problem in rejected.value.problems]
    assert f"{path}:1: service_reference: missing column" in messages
    assert any(m.startswith(f"{path}:1: service_ref: unknown column") for m in messages)


def test_invoices_import_checks_the_customer_and_the_service(
    bundled_providers: dict[str, Any], tmp_path: Path
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    services_import(provider=petrocomp, path=csv_file(tmp_path, "s.csv", SERVICES))
    header = "invoice_number,customer_reference,service_reference,period_start,period_end,"
    header += "amount,currency,delivered_on,due_on"
    good = csv_file(
        tmp_path,
        "invoices.csv",
        f"""
{header}
F-1,C1,S1,2026-10-01,2026-10-31,15.00,EUR,2026-11-03,2026-11-15
F-2,C2,,2026-10-01,2026-10-31,30.00,EUR,,2026-11-15
""",
    )
    assert invoices_import(provider=petrocomp, path=good).created == 2
    assert invoices_import(provider=petrocomp, path=good).unchanged == 2
    bad = csv_file(
        tmp_path,
        "bad.csv",
        f"""
{header}
F-3,C1,S2,2026-10-01,2026-09-30,15.00,EUR,,2026-11-15
F-4,C9,,2026-10-01,2026-10-31,-1,EUR,,2026-11-15
""",
    )
    with pytest.raises(ImportRejected) as rejected:
        invoices_import(provider=petrocomp, path=bad)
    fields = [(p.line, p.field) for p in rejected.value.problems]
    assert fields == [
        (2, "service_reference"),
        (2, "period_end"),
        (3, "customer_reference"),
        (3, "amount"),
    ]
    assert Invoice.objects.count() == 2


OUTAGES = """
outage_reference,started_at,ended_at,cause,customer_reference,area
O-1,2026-11-29T10:00:00+01:00,2026-12-02T12:00:00+01:00,provider_non_technical,C1,Vrbové
O-1,2026-11-29T10:00:00+01:00,2026-12-02T12:00:00+01:00,provider_non_technical,C2,Vrbové
O-1,2026-11-29T10:00:00+01:00,2026-12-02T12:00:00+01:00,provider_non_technical,C3,Vrbové
"""


def test_import_outages_command_imports_and_computes_the_credits(
    bundled_providers: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    services_import(provider=petrocomp, path=csv_file(tmp_path, "s.csv", SERVICES))
    path = csv_file(tmp_path, "outages.csv", OUTAGES)
    call_command("import_outages", "petrocomp", str(path))
    out = capsys.readouterr().out
    # S3 started after the outage: no credit. 15.00 / 30 × 3 days = 1.50; 30.00 → 3.00.
    assert f"{path}: 1 outages added, 0 updated, 0 unchanged" in out
    assert "outage O-1: 3 credit(s), 6.00 EUR in all" in out
    outage = Outage.objects.get(reference="O-1")
    assert AffectedCustomer.objects.filter(outage=outage).count() == 3
    call_command("import_outages", "petrocomp", str(path))
    out = capsys.readouterr().out
    assert "0 outages added, 0 updated, 1 unchanged" in out
    assert "credit" not in out  # nothing changed: nothing to compute again


def test_import_command_lists_every_problem_and_fails(
    bundled_providers: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(
        tmp_path,
        "outages.csv",
        """
outage_reference,started_at,ended_at,cause,customer_reference
O-1,2026-11-29T10:00:00,2026-12-02T12:00:00+01:00,weather,C1
""",
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_outages", "petrocomp", str(path))
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:2: started_at: '2026-11-29T10:00:00' has no UTC offset; write it, e.g. "
        "+01:00 (T-6)",
        f"{path}:2: cause: 'weather' is not one of provider_non_technical, "
        "provider_equipment, customer",
        f"{path}:2: customer_reference: no customer 'C1'",
    ]
    with pytest.raises(CommandError, match="no provider 'nobody'"):
        call_command("import_outages", "nobody", str(path))
    assert not Outage.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(
    bundled_providers: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("customer_reference\nNovák".encode("cp1250"))
    with pytest.raises(ImportRejected) as rejected:
        services_import(provider=bundled_providers["petrocomp"], path=path)
    assert str(rejected.value.problems[0]).endswith("file: not UTF-8 text")
