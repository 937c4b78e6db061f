"""Billing corrections, worked examples per rule id: UN-14 a wrongly billed amount credited over
the next invoices, a prepaid period extended, a one-time service refunded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reclamo.domain.remedies import (
    InvoiceDue,
    RemedyNotOffered,
    credit_over_invoices,
    one_time_refund,
    prepaid_extension,
)
from reclamo.domain.tests.deadline_helpers import PETROCOMP, UNITEL
from reclamo.domain.tests.remedy_helpers import eur

# UN-14 ------------------------------------------------------------------------------------------


@pytest.mark.rule("UN-14")
def test_UN_14_credit_over_next_invoices_each_absorbing_at_most_its_own_amount() -> None:
    schedule = credit_over_invoices(
        UNITEL,
        amount=eur("50.00"),
        invoices=[InvoiceDue(f"2027-{m:02d}", eur("20.00")) for m in (1, 2, 3, 4)],
    )
    assert [(line.reference, line.credit) for line in schedule.lines] == [
        ("2027-01", eur("20.00")),
        ("2027-02", eur("20.00")),
        ("2027-03", eur("10.00")),
    ]
    assert schedule.outstanding == eur("0.00")
    assert schedule.working.result() == Decimal("50.00")


@pytest.mark.rule("UN-14")
def test_UN_14_what_the_invoices_given_cannot_absorb_stays_outstanding() -> None:
    schedule = credit_over_invoices(
        UNITEL,
        amount=eur("50.00"),
        invoices=[InvoiceDue("2026-12", eur("20.00")), InvoiceDue("2027-01", eur("15.00"))],
    )
    assert [line.credit for line in schedule.lines] == [eur("20.00"), eur("15.00")]
    assert schedule.outstanding == eur("15.00")


@pytest.mark.rule("UN-14")
def test_UN_14_prepaid_period_extended_by_agreement() -> None:
    extension = prepaid_extension(
        UNITEL, amount=eur("10.00"), monthly_fee=eur("20.00"), paid_until=date(2026, 11, 30)
    )
    assert (extension.days, extension.extended_until) == (15, date(2026, 12, 15))
    odd = prepaid_extension(
        UNITEL, amount=eur("10.01"), monthly_fee=eur("20.00"), paid_until=date(2026, 11, 30)
    )
    assert odd.days == 16  # rounded up to a whole day, in the customer's favour


@pytest.mark.rule("UN-14")
def test_UN_14_one_time_service_is_refunded() -> None:
    refund = one_time_refund(UNITEL, amount=eur("35.90"))
    assert (refund.amount, refund.rules) == (eur("35.90"), ("UN-14",))


def test_billing_correction_needs_the_procedure_to_set_one() -> None:
    with pytest.raises(RemedyNotOffered):
        credit_over_invoices(PETROCOMP, amount=eur("5.00"), invoices=[])
