"""A remedy inside a case: computed with its working from the customer's billing data, adjusted
with a reason (the audit trail keeps both figures), applied as a schedule, and carried into the
written statement in the customer's language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone

from reclamo.billing.models import AppliedRemedy, Invoice, Outage, OutageCase, Service
from reclamo.billing.remedies import case_remedy_compute
from reclamo.billing.remedy_schedule import case_remedy_apply
from reclamo.billing.remedy_statement import applied_remedy_statement
from reclamo.casework.services import complaint_decide
from reclamo.casework.statement import statement_html
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, ComplaintEvent
from reclamo.complaints.services import (
    CustomerContact,
    Submission,
    complaint_register,
    intake_record_open,
)
from reclamo.customers.models import Customer
from reclamo.domain.deadlines import CaseFacts
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider
from reclamo.providers.services import policy_version_load

pytestmark = pytest.mark.django_db
BA = ZoneInfo("Europe/Bratislava")
STAFF = Actor.system("test-staff")


def case_of(
    provider: Provider, customer: Customer, *, received_at: datetime, **facts: Any
) -> Complaint:
    intake = intake_record_open(
        provider=provider, channel="letter", received_at=received_at, payload={"test": True}
    )
    submission = Submission(
        facts=CaseFacts(kind="complaint", channel="letter", received_at=received_at, **facts),
        customer=CustomerContact(
            name=customer.name, email="jan@example.sk", reference=customer.reference, language="sk"
        ),
        subject="Reklamácia",
        body="Prosím o nápravu.",
    )
    complaint = complaint_register(
        provider=provider, submission=submission, actor=Actor.system("test"), intake=intake
    ).complaint
    # The channels match the customer record (customers.services.customer_for_contact).
    Complaint.objects.filter(pk=complaint.pk).update(customer=customer)
    complaint.refresh_from_db()
    return complaint


def customer_with_service(provider: Provider, reference: str, fee: str, since: date) -> Customer:
    customer = Customer.objects.create(
        provider=provider, reference=reference, name="Ján Novák", language="sk"
    )
    Service.objects.create(
        provider=provider,
        customer=customer,
        reference=f"{reference}-S",
        name="Internet",
        monthly_fee=Decimal(fee),
        currency="EUR",
        started_on=since,
    )
    return customer


def invoice(customer: Customer, number: str, month: date, amount: str, **dates: date) -> Invoice:
    end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return Invoice.objects.create(
        provider=customer.provider,
        customer=customer,
        number=number,
        period_start=month,
        period_end=date.fromordinal(end.toordinal() - 1),
        amount=Decimal(amount),
        currency="EUR",
        delivered_on=dates.get("delivered_on"),
        due_on=dates.get("due_on", date.fromordinal(end.toordinal() + 14)),
    )


@pytest.fixture
def petrocomp_case(bundled_providers: dict[str, Provider]) -> Complaint:
    """A PETROCOMP customer (30.00 a month) whose complaint an outage of 74 hours caused."""
    petrocomp = bundled_providers["petrocomp"]
    customer = customer_with_service(petrocomp, "P1", "30.00", date(2025, 1, 1))
    invoice(customer, "P-2026-11", date(2026, 11, 1), "30.00", due_on=date(2026, 12, 1))
    invoice(customer, "P-2026-12", date(2026, 12, 1), "30.00", due_on=date(2027, 1, 15))
    complaint = case_of(petrocomp, customer, received_at=datetime(2026, 11, 30, 9, tzinfo=BA))
    outage = Outage.objects.create(
        provider=petrocomp,
        reference="OUT-77",
        started_at=datetime(2026, 11, 29, 10, tzinfo=BA),
        ended_at=datetime(2026, 12, 2, 12, tzinfo=BA),
        cause="provider_non_technical",
    )
    OutageCase.objects.create(outage=outage, complaint=complaint, linked_at=timezone.now())
    return complaint


@pytest.mark.rule("PC-6")
def test_PC_6_outage_credit_in_a_case_applied_over_the_next_invoice(
    petrocomp_case: Complaint,
) -> None:
    computed = case_remedy_compute(complaint=petrocomp_case)
    part = computed.part("outage_credit")
    assert part is not None and computed.problems == ()
    # 74 h > 24 h: 3 whole days × 30.00 ÷ 30 days of November.
    assert (str(part.amount), part.rules) == ("3.00", ("PC-6",))
    ((of, working),) = part.workings
    assert (of, str(working.result())) == ("Internet", "3.00")
    now = datetime(2026, 12, 5, 10, tzinfo=UTC)
    remedy = case_remedy_apply(
        complaint=petrocomp_case,
        actor=STAFF,
        kind="outage_credit",
        method="credit_schedule",
        now=now,
    )
    lines = [(line.invoice_number, line.amount, line.due_on) for line in remedy.lines.all()]
    # P-2026-11 was due before the credit: the next invoice absorbs all of it.
    assert lines == [("P-2026-12", Decimal("3.00"), date(2027, 1, 15))]
    assert (remedy.computed_amount, remedy.amount, remedy.adjustment_reason) == (
        Decimal("3.00"),
        Decimal("3.00"),
        "",
    )
    statement = complaint_decide(
        complaint=petrocomp_case,
        actor=STAFF,
        outcome="upheld",
        reasons="",
        remedy=applied_remedy_statement(complaint=petrocomp_case),
        now=now,
    )
    html = statement_html(petrocomp_case, statement)
    assert "3.00 EUR" in html and "P-2026-12" in html
    assert working.rendered() in html.replace("&#x27;", "'")
    assert "Náhrada za výpadok služby" in html  # the remedy named in the customer's language


def test_an_adjusted_amount_needs_a_reason_and_the_trail_keeps_both(
    petrocomp_case: Complaint,
) -> None:
    with pytest.raises(ApplicationError) as refused:
        case_remedy_apply(
            complaint=petrocomp_case,
            actor=STAFF,
            kind="outage_credit",
            method="refund",
            amount=Decimal("5.00"),
        )
    assert refused.value.code == "adjustment_reason_required"
    remedy = case_remedy_apply(
        complaint=petrocomp_case,
        actor=STAFF,
        kind="outage_credit",
        method="refund",
        amount="5.00",
        reason="Goodwill: the second outage this month",
    )
    assert (remedy.computed_amount, remedy.amount) == (Decimal("3.00"), Decimal("5.00"))
    event = ComplaintEvent.objects.get(complaint=petrocomp_case, type="remedy_applied")
    assert (
        event.data["after"].items()
        >= {
            "computed": "3.00",
            "amount": "5.00",
            "adjustment_reason": "Goodwill: the second outage this month",
            "method": "refund",
        }.items()
    )
    with pytest.raises(ApplicationError) as twice:
        case_remedy_apply(
            complaint=petrocomp_case, actor=STAFF, kind="outage_credit", method="refund"
        )
    assert twice.value.code == "remedy_already_applied"
    for bad in ("-1", "1.005", "abc"):
        with pytest.raises(ApplicationError):
            case_remedy_apply(
                complaint=petrocomp_case,
                actor=STAFF,
                kind="outage_credit",
                method="refund",
                amount=bad,
                reason="x",
            )


def test_a_method_the_remedy_does_not_offer_is_refused(petrocomp_case: Complaint) -> None:
    with pytest.raises(ApplicationError) as refused:
        case_remedy_apply(
            complaint=petrocomp_case, actor=STAFF, kind="outage_credit", method="instalments"
        )
    assert refused.value.code == "method_not_allowed"
    with pytest.raises(ApplicationError) as missing:
        case_remedy_apply(
            complaint=petrocomp_case, actor=STAFF, kind="disputed_bill", method="instalments"
        )
    assert missing.value.code == "remedy_not_computed"


@pytest.mark.rule("UN-16")
def test_UN_16_disputed_bill_in_a_case_split_in_three_instalments_in_the_statement(
    bundled_providers: dict[str, Provider],
) -> None:
    unitel = bundled_providers["unitel"]
    customer = customer_with_service(unitel, "U1", "20.00", date(2026, 1, 1))
    for month in range(1, 11):
        invoice(customer, f"U-2026-{month:02d}", date(2026, month, 1), "20.00")
    invoice(customer, "U-2026-11", date(2026, 11, 1), "150.00", delivered_on=date(2026, 11, 30))
    complaint = case_of(
        unitel,
        customer,
        received_at=datetime(2026, 11, 30, 9, tzinfo=BA),
        category="billing",
        invoice_delivered_at=date(2026, 11, 30),
    )
    part = case_remedy_compute(complaint=complaint).part("disputed_bill")
    assert part is not None
    assert (str(part.amount), part.detail["average"], part.detail["threshold"]) == (
        "130.00",
        "20.00",
        "60.00",
    )
    now = datetime(2026, 12, 5, 10, tzinfo=UTC)
    remedy = case_remedy_apply(
        complaint=complaint, actor=STAFF, kind="disputed_bill", method="instalments", now=now
    )
    assert [(line.amount, line.due_on) for line in remedy.lines.all()] == [
        (Decimal("43.33"), date(2026, 12, 31)),
        (Decimal("43.33"), date(2027, 1, 31)),
        (Decimal("43.34"), date(2027, 2, 28)),
    ]
    statement = complaint_decide(
        complaint=complaint,
        actor=STAFF,
        outcome="upheld",
        reasons="",
        now=now,  # the remedy applied in the case goes in by itself
    )
    html = statement_html(complaint, statement)
    assert "Splátka 3, splatná 28. februára 2027" in html
    assert "43.34 EUR" in html and "UN-16" in html


@pytest.mark.rule("UN-6")
def test_UN_6_charges_without_a_price_tell_staff_instead_of_guessing(
    bundled_providers: dict[str, Provider],
) -> None:
    from reclamo.accounts.tests.factories import ProviderStaffFactory
    from reclamo.casework.services import visit_record

    unitel = bundled_providers["unitel"]
    customer = customer_with_service(unitel, "U2", "20.00", date(2026, 1, 1))
    complaint = case_of(unitel, customer, received_at=datetime(2026, 11, 3, 9, tzinfo=BA))
    Complaint.objects.filter(pk=complaint.pk).update(fault_cause="customer")
    complaint.refresh_from_db()
    visit_record(
        complaint=complaint,
        user=ProviderStaffFactory(provider=unitel),  # type: ignore[arg-type]
        visited_at=datetime(2026, 11, 4, 9, tzinfo=BA),
        kilometres=Decimal("12.5"),
        trips=1,
        customer_caused=True,
        customer_insisted=False,
    )
    computed = case_remedy_compute(complaint=complaint)
    assert computed.part("charges") is None
    assert [kind for kind, _message in computed.problems] == ["charges"]


def test_no_remedy_applies_across_providers(
    petrocomp_case: Complaint, bundled_providers: dict[str, Provider]
) -> None:
    assert AppliedRemedy.objects.count() == 0
    case_remedy_apply(
        complaint=petrocomp_case, actor=STAFF, kind="outage_credit", method="credit_schedule"
    )
    remedy = AppliedRemedy.objects.get()
    assert remedy.provider == bundled_providers["petrocomp"]
    assert {line.provider_id for line in remedy.lines.all()} == {remedy.provider_id}


def unitel_with_prices() -> None:
    """UNITEL's procedure from November 2026 with its price list filled: 0.50 EUR a km."""
    source = Path(settings.BASE_DIR, "reclamo/providers/policies/unitel.yaml")
    text = source.read_text(encoding="utf-8")
    text = text.replace('version: "2020-07-01"', 'version: "2026-11-01"', 1)
    text = text.replace("effective_from: 2020-07-01", "effective_from: 2026-11-01", 1)
    text = text.replace("amounts: provider_to_fill", "amounts: published", 1)
    assert "      amount: null  # provider to fill" in text
    text = text.replace("      amount: null  # provider to fill", '      amount: "0.50"', 1)
    policy_version_load(text=text, source_name="unitel-prices.yaml")


@pytest.mark.rule("UN-5")
def test_UN_5_UN_6_a_customer_caused_fault_charges_the_trip_per_km(
    bundled_providers: dict[str, Provider],
) -> None:
    from reclamo.accounts.tests.factories import ProviderStaffFactory
    from reclamo.casework.services import visit_record

    unitel = bundled_providers["unitel"]
    unitel_with_prices()
    customer = customer_with_service(unitel, "U3", "20.00", date(2026, 1, 1))
    complaint = case_of(unitel, customer, received_at=datetime(2026, 11, 3, 9, tzinfo=BA))
    Complaint.objects.filter(pk=complaint.pk).update(fault_cause="customer")
    complaint.refresh_from_db()
    visit = visit_record(
        complaint=complaint,
        user=ProviderStaffFactory(provider=unitel),  # type: ignore[arg-type]
        visited_at=datetime(2026, 11, 4, 9, tzinfo=BA),
        kilometres=Decimal("12.5"),
        trips=1,
        customer_caused=True,
        customer_insisted=False,
    )
    assert (visit.charge_amount, visit.charge_currency) == (Decimal("6.25"), "EUR")
    part = case_remedy_compute(complaint=complaint).part("charges")
    assert part is not None and (str(part.amount), part.rules) == ("6.25", ("UN-6",))
    remedy = case_remedy_apply(complaint=complaint, actor=STAFF, kind="charges", method="charge")
    assert [(line.method, line.amount) for line in remedy.lines.all()] == [
        ("charge", Decimal("6.25"))
    ]
