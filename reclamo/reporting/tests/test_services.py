"""The monthly report mail (sent once per provider and month, as a PDF to the administrators)
and the CSV import of the report inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from reclamo.accounts.tests.factories import ProviderAdminFactory, ProviderStaffFactory
from reclamo.providers.models import ProviderEvent
from reclamo.reporting.models import MonthlyReportMail, ReportInput
from reclamo.reporting.services import monthly_reports_send
from reclamo.reporting.tests.conftest import case_create, local

NOW = datetime(2026, 8, 1, 6, 0, tzinfo=UTC)  # 09:00 in Bucharest: July is complete


def test_each_provider_is_mailed_its_last_month_once(pronet) -> None:  # type: ignore[no-untyped-def]
    ProviderAdminFactory(provider=pronet, email="sef@pronet.example")
    ProviderStaffFactory(provider=pronet, email="agent@pronet.example")  # not an administrator
    received = local(2026, 7, 2, 9)
    case_create(pronet, received_at=received, statement_sent_at=received + timedelta(hours=3))
    assert monthly_reports_send(now=NOW) == 1
    assert monthly_reports_send(now=NOW + timedelta(hours=1)) == 0
    [message] = mail.outbox
    assert message.to == ["sef@pronet.example"]
    assert "2026-07" in message.subject
    assert "raport" in message.subject  # in the procedure's language (Romanian)
    [(name, content, _kind)] = message.attachments
    assert name == "report-pronet-2026-07.pdf" and content.startswith(b"%PDF")
    sent = MonthlyReportMail.objects.get(provider=pronet)
    assert sent.month == date(2026, 7, 1) and sent.recipients == 1
    # The other bundled providers have no administrator: marked, nothing sent.
    assert MonthlyReportMail.objects.filter(recipients=0).count() == 2


def test_a_claim_left_unsent_is_taken_again_after_an_hour(pronet) -> None:  # type: ignore[no-untyped-def]
    ProviderAdminFactory(provider=pronet, email="sef@pronet.example")
    MonthlyReportMail.objects.create(provider=pronet, month=date(2026, 7, 1), claimed_at=NOW)
    assert monthly_reports_send(now=NOW + timedelta(minutes=10)) == 0  # still being sent
    assert mail.outbox == []
    assert monthly_reports_send(now=NOW + timedelta(hours=2)) == 1
    assert len(mail.outbox) == 1


def test_the_csv_import_reports_every_problem_and_imports_nothing(pronet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "inputs.csv"
    bad.write_text(
        "month,measure,service,value\n"
        "2026-07,active_lines,internet,12000\n"
        "2026-7,active_lines,internet,1\n"
        "2026-08,bills_issued,,lots\n"
        "2026-07,active_lines,internet,5\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_report_inputs", "pronet", str(bad), stderr=(errors := _Buffer()))
    assert f"{bad}:3: month:" in errors.text
    assert f"{bad}:4: value:" in errors.text
    assert f"{bad}:5: month:" in errors.text  # the same month and service twice
    assert ReportInput.objects.count() == 0
    assert not ProviderEvent.objects.filter(type="report_inputs_imported").exists()


def test_the_csv_import_stores_and_replaces(pronet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "inputs.csv"
    good.write_text(
        "\ufeffmonth,measure,service,value\n2026-07,active_lines,internet,12000\n2026-07,bills_issued,,900\n",
        encoding="utf-8",
    )
    call_command("import_report_inputs", "pronet", str(good), stdout=_Buffer())
    good.write_text("month,measure,service,value\n2026-07,bills_issued,,950\n", encoding="utf-8")
    call_command("import_report_inputs", "pronet", str(good), stdout=_Buffer())
    assert dict(ReportInput.objects.values_list("measure", "value")) == {
        "active_lines": 12000,
        "bills_issued": 950,
    }
    # Each import is in the provider's history (newest first), with the file it came from.
    events = ProviderEvent.objects.filter(provider=pronet, type="report_inputs_imported")
    assert [(e.actor, e.data["source"], e.data["figures"], e.data["measures"]) for e in events] == [
        ("system", "inputs.csv", 1, ["bills_issued"]),
        ("system", "inputs.csv", 2, ["active_lines", "bills_issued"]),
    ]


def test_the_csv_import_refuses_a_missing_file_and_an_unknown_provider(
    pronet, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_report_inputs", "pronet", str(tmp_path / "none.csv"))
    with pytest.raises(CommandError, match="No provider"):
        call_command("import_report_inputs", "nobody", str(tmp_path / "none.csv"))
    header = tmp_path / "header.csv"
    header.write_text("month;measure;service;value\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_report_inputs", "pronet", str(header), stderr=_Buffer())


class _Buffer:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text + "\n"

    def flush(self) -> None:
        pass
