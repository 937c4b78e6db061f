"""Registering an outage: the open cases it caused are linked (an event on each); a policy with
``outage_credit.automatic`` credits every affected customer without a claim and queues a letter
to each, sent in batches; the API imports outages in bulk, idempotently."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reclamo.billing.csv_rows import Row
from reclamo.billing.models import (
    AppliedRemedy,
    OutageCase,
)
from reclamo.billing.notices import outage_credit_letters_send
from reclamo.billing.outage_credits import outage_credits_compute
from reclamo.billing.outages import outage_rows_check, outage_rows_write
from reclamo.billing.remedies import case_remedy_compute
from reclamo.billing.tests.test_credits import outage_with_customers
from reclamo.billing.tests.test_remedies import case_of
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.customers.models import Customer
from reclamo.providers.models import Provider
from reclamo.providers.services import policy_version_load

pytestmark = pytest.mark.django_db
BA = ZoneInfo("Europe/Bratislava")
OUTAGES = "/api/v1/providers/{slug}/outages"


def automatic_petrocomp(provider: Provider) -> None:
    """PETROCOMP's procedure from November 2026 with credits paid without a claim."""
    source = Path(settings.BASE_DIR, "reclamo/providers/policies/petrocomp.yaml")
    text = source.read_text(encoding="utf-8")
    text = text.replace('version: "2015-01-01"', 'version: "2026-11-01"', 1)
    text = text.replace("effective_from: 2015-01-01", "effective_from: 2026-11-01", 1)
    assert "automatic: false  # PC-9" in text
    text = text.replace("automatic: false  # PC-9", "automatic: true  # PC-9", 1)
    policy_version_load(text=text, source_name="petrocomp-automatic.yaml")


def test_registering_an_outage_links_the_open_cases_it_caused(
    bundled_providers: dict[str, Provider],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    outage = outage_with_customers(petrocomp, ["15.00", "30.00"])
    first, second = Customer.objects.order_by("reference")
    received = datetime(2026, 11, 30, 9, tzinfo=BA)
    caused = case_of(petrocomp, first, received_at=received)
    before = case_of(petrocomp, second, received_at=received)
    Complaint.objects.filter(pk=caused.pk).update(
        fault_started_at=datetime(2026, 11, 29, 10, 5, tzinfo=BA)
    )
    Complaint.objects.filter(pk=before.pk).update(
        fault_started_at=datetime(2026, 11, 20, 10, tzinfo=BA)  # before the outage
    )
    report = outage_credits_compute(outage=outage)
    assert report.linked_cases == 1 and report.automatic_credits == 0
    assert list(OutageCase.objects.values_list("complaint_id", flat=True)) == [caused.pk]
    event = ComplaintEvent.objects.get(type="outage_linked")
    assert event.complaint_id == caused.pk and event.data["after"]["outage"] == outage.reference
    # Registering it again links nothing twice; the case's remedy is the outage's credit.
    assert outage_credits_compute(outage=outage).linked_cases == 0
    assert ComplaintEvent.objects.filter(type="outage_linked").count() == 1
    caused.refresh_from_db()
    part = case_remedy_compute(complaint=caused).part("outage_credit")
    assert part is not None and part.detail["outage"] == outage.reference


def test_automatic_credits_every_affected_customer_and_sends_letters_in_batches(
    bundled_providers: dict[str, Provider],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    automatic_petrocomp(petrocomp)
    outage = outage_with_customers(petrocomp, ["15.00", "30.00", "45.00"])
    Customer.objects.filter(reference="C0").update(email="c0@example.sk")
    Customer.objects.filter(reference="C1").update(phone="+421900123456")
    report = outage_credits_compute(outage=outage)
    assert (report.credits, report.automatic_credits) == (3, 3)
    remedies = AppliedRemedy.objects.order_by("customer__reference")
    assert [(r.amount, r.letter_status, r.complaint_id) for r in remedies] == [
        (Decimal("1.50"), "queued", None),
        (Decimal("3.00"), "queued", None),
        (Decimal("4.50"), "queued", None),
    ]
    # Credited on the next invoice after the outage: the first day of the following month.
    assert {line.due_on for r in remedies for line in r.lines.all()} == {date(2027, 1, 1)}
    # Computing again adds no second credit for the same customers.
    assert outage_credits_compute(outage=outage).automatic_credits == 0
    assert AppliedRemedy.objects.count() == 3
    assert outage_credit_letters_send(limit=2) == 2
    assert outage_credit_letters_send(limit=2) == 1
    assert outage_credit_letters_send(limit=2) == 0
    statuses = dict(remedies.values_list("customer__reference", "letter_status"))
    assert statuses == {"C0": "sent", "C1": "sent", "C2": "failed"}  # C2: no address
    (letter,) = mail.outbox
    assert letter.to == ["c0@example.sk"] and "1.50 EUR" in letter.body
    assert "PC-6" in letter.body


def test_writing_outages_again_costs_the_same_queries_for_2_or_20_outages(
    bundled_providers: dict[str, Provider],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    for reference in ("Q0", "Q1"):
        Customer.objects.create(provider=petrocomp, reference=reference, name=reference)
    counts = []
    for size in (2, 20):
        rows = [
            Row(
                "outages",
                index,
                {
                    "outage_reference": f"O-{size}-{index}",
                    "started_at": "2026-11-29T10:00:00+01:00",
                    "ended_at": "2026-12-02T12:00:00+01:00",
                    "cause": "provider_non_technical",
                    "customer_reference": customer,
                },
            )
            for index in range(size)
            for customer in ("Q0", "Q1")
        ]
        outages, affected = outage_rows_check(provider=petrocomp, rows=rows)
        outage_rows_write(
            provider=petrocomp, outages=outages, affected=affected, actor="t", source="t.csv"
        )
        outages, affected = outage_rows_check(provider=petrocomp, rows=rows)
        with CaptureQueriesContext(connection) as queries:
            report, changed = outage_rows_write(
                provider=petrocomp, outages=outages, affected=affected, actor="t", source="t.csv"
            )
        assert (report.unchanged, changed) == (size, [])
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_automatic_credits_cost_the_same_queries_for_10_or_40_customers(
    bundled_providers: dict[str, Provider],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    automatic_petrocomp(petrocomp)
    counts = []
    for size in (2, 10, 40):  # the first warms the caches (the parsed policy)
        outage = outage_with_customers(
            petrocomp, ["15.00", "30.00"] * (size // 2), prefix=f"N{size}-"
        )
        with CaptureQueriesContext(connection) as queries:
            outage_credits_compute(outage=outage)
        counts.append(len(queries))
        assert AppliedRemedy.objects.filter(outage=outage).count() == size
    assert counts[1] == counts[2]
