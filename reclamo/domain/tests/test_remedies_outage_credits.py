"""Outage credits, worked examples per rule id: UN-13 pro rata by hours (an outage spanning two
months), PC-6/PC-7 whole days after a threshold, UN-5/PC-8 nothing for a customer-caused
outage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reclamo.domain.remedies import Money, RemedyInputError, RemedyNotOffered, outage_credit
from reclamo.domain.tests.deadline_helpers import PETROCOMP, PRONET, UNITEL, ba, bu
from reclamo.domain.tests.remedy_helpers import eur

# UN-13 -----------------------------------------------------------------------------------------


@pytest.mark.rule("UN-13")
def test_UN_13_thirty_hours_in_november_are_30_of_720_hours_of_the_fee() -> None:
    credit = outage_credit(
        UNITEL,
        monthly_fee=eur("20.00"),
        start=ba(2026, 11, 10, 8),
        end=ba(2026, 11, 11, 14),
        cause="provider_equipment",
    )
    assert credit.amount == eur("0.83")  # 20 × 30 / 720 = 0.8333…
    assert credit.rules == ("UN-13",)
    assert credit.whole_days == 1
    assert credit.working.rendered() == "20.00 × 108000 ÷ 3600 ÷ 720"
    assert credit.working.result() == Decimal("0.83")


@pytest.mark.rule("UN-13")
def test_UN_13_outage_spanning_two_months_is_split_and_rounded_once() -> None:
    # October 2026 has 745 hours in Bratislava (DST ends on the 25th); November 720.
    credit = outage_credit(
        UNITEL,
        monthly_fee=eur("20.00"),
        start=ba(2026, 10, 31, 12),
        end=ba(2026, 11, 1, 12),
        cause="provider_non_technical",
    )
    assert [(m.month, m.seconds_without_service, m.hours_in_month) for m in credit.months] == [
        (10, 12 * 3600, 745),
        (11, 12 * 3600, 720),
    ]
    # 20 × 12/745 + 20 × 12/720 = 0.3221… + 0.3333… = 0.6554… → 0.66 (not 0.32 + 0.33)
    assert credit.amount == eur("0.66")
    assert credit.working.notes == ("split_at_month_end",)
    assert credit.working.result() == credit.amount.amount


@pytest.mark.rule("UN-13")
def test_UN_13_hours_in_march_are_743_across_the_clock_change() -> None:
    credit = outage_credit(
        UNITEL,
        monthly_fee=eur("743.00"),
        start=ba(2026, 3, 1),
        end=ba(2026, 3, 1, 1),
        cause="provider_equipment",
    )
    assert credit.months[0].hours_in_month == 743
    assert credit.amount == eur("1.00")


@pytest.mark.rule("UN-5", "UN-13")
def test_UN_5_customer_caused_outage_is_credited_nothing() -> None:
    credit = outage_credit(
        UNITEL,
        monthly_fee=eur("20.00"),
        start=ba(2026, 11, 1),
        end=ba(2026, 11, 5),
        cause="customer",
    )
    assert (credit.amount, credit.rules, credit.working.notes) == (
        eur("0.00"),
        ("UN-5",),
        ("customer_caused",),
    )


# PC-6 / PC-7 ------------------------------------------------------------------------------------


@pytest.mark.rule("PC-6")
def test_PC_6_outage_spanning_two_months_counts_days_of_the_month_it_began() -> None:
    credit = outage_credit(
        PETROCOMP,
        monthly_fee=eur("15.00"),
        start=ba(2026, 11, 29, 10),
        end=ba(2026, 12, 2, 12),  # 74 hours: 3 whole days
        cause="provider_non_technical",
    )
    assert (credit.whole_days, credit.amount, credit.rules) == (3, eur("1.50"), ("PC-6",))
    assert credit.working.values["days_in_month"] == 30  # November, where it began
    assert credit.working.result() == Decimal("1.50")


@pytest.mark.rule("PC-6")
@pytest.mark.parametrize(
    ("hours", "days", "amount"),
    [(24, 0, "0.00"), (25, 1, "0.50"), (47, 1, "0.50"), (48, 2, "1.00")],
)
def test_PC_6_only_more_than_24_hours_gives_whole_days(hours: int, days: int, amount: str) -> None:
    credit = outage_credit(
        PETROCOMP,
        monthly_fee=eur("15.00"),
        start=ba(2026, 11, 2),
        end=ba(2026, 11, 2 + hours // 24, hours % 24),
        cause="provider_non_technical",
    )
    assert (credit.whole_days, credit.amount) == (days, eur(amount))


@pytest.mark.rule("PC-6", "PC-7")
@pytest.mark.parametrize(
    ("hours", "days", "amount"),
    [(72, 0, "0.00"), (73, 1, "0.50"), (74, 1, "0.50"), (96, 2, "1.00")],
)
def test_PC_7_equipment_fault_threshold_grows_by_the_48_hour_repair_time(
    hours: int, days: int, amount: str
) -> None:
    credit = outage_credit(
        PETROCOMP,
        monthly_fee=eur("15.00"),
        start=ba(2026, 11, 2),
        end=ba(2026, 11, 2 + hours // 24, hours % 24),
        cause="provider_equipment",
    )
    assert (credit.whole_days, credit.amount, credit.rules) == (days, eur(amount), ("PC-6", "PC-7"))
    assert credit.working.result() == credit.amount.amount


@pytest.mark.rule("PC-8")
def test_PC_8_customer_caused_outage_is_credited_nothing() -> None:
    credit = outage_credit(
        PETROCOMP,
        monthly_fee=eur("15.00"),
        start=ba(2026, 11, 2),
        end=ba(2026, 11, 9),
        cause="customer",
    )
    assert (credit.amount, credit.rules) == (eur("0.00"), ("PC-8",))


def test_a_procedure_without_outage_credit_refuses() -> None:
    with pytest.raises(RemedyNotOffered):
        outage_credit(
            PRONET,
            monthly_fee=Money("50.00", "RON"),
            start=bu(2026, 11, 2),
            end=bu(2026, 11, 4),
            cause="provider_non_technical",
        )


def test_outage_input_is_checked() -> None:
    with pytest.raises(RemedyInputError, match="not after"):
        outage_credit(
            UNITEL,
            monthly_fee=eur("1"),
            start=ba(2026, 11, 2),
            end=ba(2026, 11, 2),
            cause="customer",
        )
    with pytest.raises(RemedyInputError, match="currency"):
        outage_credit(
            UNITEL,
            monthly_fee=Money("1", "RON"),
            start=ba(2026, 11, 2),
            end=ba(2026, 11, 3),
            cause="customer",
        )
