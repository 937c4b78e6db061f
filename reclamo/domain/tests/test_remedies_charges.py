"""Charges to the customer, worked examples per rule id: UN-5/UN-6/PC-8/PC-10 (a
customer-caused fault with a trip, a trip the customer insisted on)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reclamo.domain.remedies import RemedyInputError, fault_charges
from reclamo.domain.tests.deadline_helpers import UNITEL
from reclamo.domain.tests.remedy_helpers import PETROCOMP_PRICED, UNITEL_PRICED, eur

# UN-5 / UN-6 / PC-8 / PC-10 ---------------------------------------------------------------------


@pytest.mark.rule("UN-5", "UN-6")
def test_UN_5_UN_6_customer_caused_fault_with_a_trip_per_km() -> None:
    charges = fault_charges(
        UNITEL_PRICED,
        customer_caused=True,
        repair_items=[("repair-hour", Decimal("1.5"))],
        trip_km=Decimal("12.5"),
    )
    assert [(line.code, line.quantity, line.amount, line.rule) for line in charges.lines] == [
        ("repair-hour", Decimal("1.5"), eur("37.50"), "UN-5"),
        ("technician-trip-km", Decimal("12.5"), eur("5.00"), "UN-6"),
    ]
    assert (charges.total, charges.rules) == (eur("42.50"), ("UN-5", "UN-6"))
    assert charges.working.rendered() == "1.5 × 25.00 + 12.5 × 0.40"
    assert charges.working.result() == Decimal("42.50")


@pytest.mark.rule("UN-6")
def test_UN_6_no_trip_charge_when_the_customer_did_not_cause_the_fault() -> None:
    charges = fault_charges(UNITEL_PRICED, customer_caused=False, trip_km=Decimal("30"))
    assert (charges.total, charges.lines) == (eur("0.00"), ())


@pytest.mark.rule("UN-6")
def test_UN_6_a_trip_per_km_needs_the_distance() -> None:
    with pytest.raises(RemedyInputError, match="trip_km"):
        fault_charges(UNITEL_PRICED, customer_caused=True)


@pytest.mark.rule("PC-8", "PC-10")
def test_PC_10_trip_the_customer_insisted_on_is_charged_whoever_caused_the_fault() -> None:
    charges = fault_charges(
        PETROCOMP_PRICED, customer_caused=False, trips=1, trip_unnecessary_on_request=True
    )
    assert (charges.total, charges.rules) == (eur("15.00"), ("PC-10",))
    assert charges.working.notes == ("not_customer_caused",)
    none = fault_charges(PETROCOMP_PRICED, customer_caused=True, trips=1)
    assert none.total == eur("0.00")  # PC-8 alone: the trip was needed, so it is not charged


@pytest.mark.rule("UN-6")
def test_a_price_the_provider_has_not_filled_in_is_refused_not_guessed() -> None:
    with pytest.raises(RemedyInputError) as raised:
        fault_charges(UNITEL, customer_caused=True, trip_km=Decimal("5"))
    assert raised.value.code == "price_not_set"
