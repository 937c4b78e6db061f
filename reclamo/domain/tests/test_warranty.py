"""The equipment's warranty (UN-2 rented, PC-3 purchased), judged on the day of the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reclamo.domain.policy import Policy, load_policy_file
from reclamo.domain.warranty import WarrantyStatus, warranty_status

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"


@pytest.fixture(scope="module")
def policies() -> dict[str, Policy]:
    return {
        slug: load_policy_file(BUNDLED / f"{slug}.yaml")
        for slug in ("unitel", "petrocomp", "pronet")
    }


@pytest.mark.rule("UN-2")
def test_UN_2_rented_router_24_months_from_handover_covers_its_last_day(
    policies: dict[str, Policy],
) -> None:
    unitel = policies["unitel"]
    status = warranty_status(
        unitel, ownership="rented", since=date(2024, 11, 20), reported_on=date(2026, 11, 20)
    )
    assert status == WarrantyStatus("in_warranty", "UN-2", 24, date(2026, 11, 20))
    day_after = warranty_status(
        unitel, ownership="rented", since=date(2024, 11, 20), reported_on=date(2026, 11, 21)
    )
    assert day_after.state == "expired" and day_after.rule == "UN-2"


@pytest.mark.rule("UN-2")
def test_UN_2_a_customer_caused_fault_in_warranty_is_paid_by_the_customer(
    policies: dict[str, Policy],
) -> None:
    status = warranty_status(
        policies["unitel"],
        ownership="rented",
        since=date(2025, 6, 1),
        reported_on=date(2026, 1, 10),
        customer_caused=True,
    )
    assert status.state == "customer_pays" and status.rule == "UN-2"


@pytest.mark.rule("PC-3")
def test_PC_3_purchased_equipment_24_months_from_purchase(policies: dict[str, Policy]) -> None:
    petrocomp = policies["petrocomp"]
    inside = warranty_status(
        petrocomp, ownership="purchased", since=date(2025, 3, 15), reported_on=date(2027, 3, 15)
    )
    assert inside == WarrantyStatus("in_warranty", "PC-3", 24, date(2027, 3, 15))
    after = warranty_status(
        petrocomp, ownership="purchased", since=date(2025, 3, 15), reported_on=date(2027, 3, 16)
    )
    assert after.state == "expired"


@pytest.mark.rule("PC-3")
def test_PC_3_a_month_without_the_day_ends_on_its_last_day(policies: dict[str, Policy]) -> None:
    # Bought on 29 February 2024: 24 months later February has no 29th → 28 February 2026.
    status = warranty_status(
        policies["petrocomp"],
        ownership="purchased",
        since=date(2024, 2, 29),
        reported_on=date(2026, 2, 28),
    )
    assert status.state == "in_warranty" and status.ends_on == date(2026, 2, 28)


def test_a_procedure_without_terms_for_the_equipment_gives_none(
    policies: dict[str, Policy],
) -> None:
    # UNITEL's procedure covers rented equipment only; PETROCOMP's bought equipment only.
    assert (
        warranty_status(
            policies["unitel"],
            ownership="purchased",
            since=date(2026, 1, 1),
            reported_on=date(2026, 2, 1),
        ).state
        == "no_terms"
    )
    assert (
        warranty_status(
            policies["petrocomp"],
            ownership="rented",
            since=date(2026, 1, 1),
            reported_on=date(2026, 2, 1),
        ).state
        == "no_terms"
    )


def test_nothing_recorded_or_a_date_after_the_report_is_unknown(
    policies: dict[str, Policy],
) -> None:
    unitel = policies["unitel"]
    assert (
        warranty_status(unitel, ownership=None, since=None, reported_on=date(2026, 1, 1)).state
        == "unknown"
    )
    assert (
        warranty_status(unitel, ownership="rented", since=None, reported_on=date(2026, 1, 1)).state
        == "unknown"
    )
    assert (
        warranty_status(
            unitel, ownership="rented", since=date(2026, 2, 1), reported_on=date(2026, 1, 1)
        ).state
        == "unknown"
    )
