"""Outage credits: every affected customer's credit in one step (UN-13, PC-6, PC-7), one per
service in use during the outage; computing again replaces them; the queries do not grow with
the number of customers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reclamo.billing.models import AffectedCustomer, Outage, OutageCredit, Service
from reclamo.billing.outage_credits import outage_credits_compute
from reclamo.billing.selectors import outage_credit_working
from reclamo.customers.models import Customer
from reclamo.errors import ApplicationError

pytestmark = pytest.mark.django_db
BA = ZoneInfo("Europe/Bratislava")


def outage_with_customers(
    provider: Any,
    fees: list[str],
    *,
    cause: str = "provider_non_technical",
    prefix: str = "C",
    **times: datetime,
) -> Outage:
    outage = Outage.objects.create(
        provider=provider,
        reference=f"O-{len(fees)}" if prefix == "C" else f"O-{prefix}{len(fees)}",
        started_at=times.get("start", datetime(2026, 11, 29, 10, tzinfo=BA)),
        ended_at=times.get("end", datetime(2026, 12, 2, 12, tzinfo=BA)),
        cause=cause,
    )
    for index, fee in enumerate(fees):
        customer = Customer.objects.create(
            provider=provider, reference=f"{prefix}{index}", name=f"Customer {index}", language="sk"
        )
        Service.objects.create(
            provider=provider,
            customer=customer,
            reference=f"S{index}" if prefix == "C" else f"S{prefix}{index}",
            monthly_fee=Decimal(fee),
            currency="EUR",
            started_on=date(2025, 1, 1),
        )
        AffectedCustomer.objects.create(outage=outage, customer=customer)
    return outage


@pytest.mark.rule("PC-6")
def test_PC_6_credits_every_affected_service_in_one_step(bundled_providers: dict[str, Any]) -> None:
    petrocomp = bundled_providers["petrocomp"]
    outage = outage_with_customers(petrocomp, ["15.00", "30.00", "15.00"])
    first = Customer.objects.get(reference="C0")
    # Not in use during the outage: ended before it, started after it.
    Service.objects.create(
        provider=petrocomp,
        customer=first,
        reference="old",
        monthly_fee=Decimal("99.00"),
        currency="EUR",
        started_on=date(2020, 1, 1),
        ended_on=date(2026, 11, 28),
    )
    Service.objects.create(
        provider=petrocomp,
        customer=first,
        reference="new",
        monthly_fee=Decimal("99.00"),
        currency="EUR",
        started_on=date(2026, 12, 3),
    )
    report = outage_credits_compute(outage=outage)
    assert (report.credits, report.total, report.currency) == (3, Decimal("6.00"), "EUR")
    credits = {c.service.reference: c for c in OutageCredit.objects.select_related("service")}
    assert {ref: (c.amount, c.whole_days, c.rules) for ref, c in credits.items()} == {
        "S0": (Decimal("1.50"), 3, "PC-6"),
        "S1": (Decimal("3.00"), 3, "PC-6"),
        "S2": (Decimal("1.50"), 3, "PC-6"),
    }
    working = outage_credit_working(credit=credits["S1"])
    assert working.result() == Decimal("3.00") and working.rules == ("PC-6",)
    again = outage_credits_compute(outage=outage)
    assert again.credits == 3 and OutageCredit.objects.count() == 3
    outage.refresh_from_db()
    assert outage.credits_computed_at is not None


@pytest.mark.rule("UN-13")
def test_UN_13_credits_an_outage_spanning_two_months(bundled_providers: dict[str, Any]) -> None:
    outage = outage_with_customers(
        bundled_providers["unitel"],
        ["20.00"],
        cause="provider_equipment",
        start=datetime(2026, 10, 31, 12, tzinfo=BA),
        end=datetime(2026, 11, 1, 12, tzinfo=BA),
    )
    outage_credits_compute(outage=outage)
    assert OutageCredit.objects.get().amount == Decimal("0.66")


def test_a_procedure_without_outage_credits_refuses(bundled_providers: dict[str, Any]) -> None:
    outage = outage_with_customers(bundled_providers["pronet"], ["50.00"])
    with pytest.raises(ApplicationError) as refused:
        outage_credits_compute(outage=outage)
    assert refused.value.code == "remedy_not_offered"
    assert not OutageCredit.objects.exists()


def test_queries_do_not_grow_with_the_number_of_customers(
    bundled_providers: dict[str, Any],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    small = outage_with_customers(petrocomp, ["15.00"] * 3)
    large = Outage.objects.create(
        provider=petrocomp,
        reference="O-large",
        started_at=small.started_at,
        ended_at=small.ended_at,
        cause="provider_equipment",
    )
    for index in range(40):
        customer = Customer.objects.create(
            provider=petrocomp, reference=f"L{index}", name="L", language="sk"
        )
        Service.objects.create(
            provider=petrocomp,
            customer=customer,
            reference=f"LS{index}",
            monthly_fee=Decimal(10 + index % 7),
            currency="EUR",
            started_on=date(2025, 1, 1),
        )
        AffectedCustomer.objects.create(outage=large, customer=customer)
    with CaptureQueriesContext(connection) as few:
        outage_credits_compute(outage=small)
    with CaptureQueriesContext(connection) as many:
        outage_credits_compute(outage=large)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_many_fees_are_written_in_several_statements_with_the_same_result(
    bundled_providers: dict[str, Any],
) -> None:
    outage = outage_with_customers(
        bundled_providers["petrocomp"], ["9.90", "12.90", "15.00", "19.90", "30.00"]
    )
    outage_credits_compute(outage=outage)
    together = sorted(OutageCredit.objects.values_list("service_id", "amount"))
    outage_credits_compute(outage=outage, fees_per_statement=2)
    assert sorted(OutageCredit.objects.values_list("service_id", "amount")) == together
    assert len(together) == 5
