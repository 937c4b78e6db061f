"""Remedies, worked examples per rule id: UN-13 pro rata by hours (an outage spanning two
months), PC-6/PC-7 whole days after a threshold, UN-14 credits over the next invoices, UN-15/UN-16
and PC-16 the six-month average (a history of only three months, an amount exactly at the
threshold), UN-5/UN-6/PC-8/PC-10 charges (a customer-caused fault with a trip)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reclamo.domain.remedies import (
    BillingPeriod,
    InvoiceDue,
    Money,
    RemedyInputError,
    RemedyNotOffered,
    credit_over_invoices,
    disputed_bill,
    fault_charges,
    one_time_refund,
    outage_credit,
    prepaid_extension,
)
from reclamo.domain.tests.deadline_helpers import PETROCOMP, PRONET, UNITEL, ba, bu
from reclamo.domain.tests.remedy_helpers import PETROCOMP_PRICED, UNITEL_PRICED, eur


def period(text: str) -> BillingPeriod:
    return BillingPeriod.parse(text, field="period")


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


# UN-15 / UN-16 / PC-16 --------------------------------------------------------------------------


def _history(amounts: dict[str, str]) -> dict[BillingPeriod, Money]:
    return {period(key): eur(value) for key, value in amounts.items()}


SIX_MONTHS = {f"2026-{m:02d}": "20.00" for m in range(5, 11)}


@pytest.mark.rule("UN-15", "UN-16")
def test_UN_16_above_three_times_the_average_the_excess_is_split_in_three() -> None:
    answer = disputed_bill(
        UNITEL,
        history=_history({**SIX_MONTHS, "2026-01": "999.00"}),  # older than 6 periods: unused
        disputed_amount=eur("95.00"),
        disputed_period=period("2026-11"),
        first_period=period("2025-01"),
    )
    assert (answer.average, answer.threshold, answer.excess) == (
        eur("20.00"),
        eur("60.00"),
        eur("75.00"),
    )
    assert answer.deferral_allowed and answer.min_instalments == 3
    assert [(i.due, i.amount) for i in answer.instalments] == [
        (date(2026, 12, 31), eur("25.00")),
        (date(2027, 1, 31), eur("25.00")),
        (date(2027, 2, 28), eur("25.00")),
    ]
    assert [str(p) for p in answer.periods] == [f"2026-{m:02d}" for m in range(5, 11)]
    assert answer.rules == ("UN-15", "UN-16")


@pytest.mark.rule("UN-15", "UN-16")
def test_UN_16_amount_exactly_at_the_threshold_may_not_be_deferred() -> None:
    history = {**SIX_MONTHS, "2026-10": "90.00"}  # 190.00 / 6 = 31.666…, × 3 = 95.00 exactly
    answer = disputed_bill(
        UNITEL,
        history=_history(history),
        disputed_amount=eur("95.00"),
        disputed_period=period("2026-11"),
        first_period=period("2025-01"),
    )
    assert (answer.average, answer.threshold, answer.excess) == (
        eur("31.67"),
        eur("95.00"),
        eur("0.00"),
    )
    assert (answer.deferral_allowed, answer.instalments) == (False, ())
    above = disputed_bill(
        UNITEL,
        history=_history(history),
        disputed_amount=eur("95.01"),
        disputed_period=period("2026-11"),
        first_period=period("2025-01"),
    )
    # 95.01 − 31.666… = 63.3433… → 63.34, in whole cents, the remainder on the last part
    assert above.excess == eur("63.34")
    assert [i.amount for i in above.instalments] == [eur("21.11"), eur("21.11"), eur("21.12")]
    assert above.excess_working.result() == Decimal("63.34")


@pytest.mark.rule("PC-16")
def test_PC_16_history_of_only_three_months_is_averaged_over_three() -> None:
    answer = disputed_bill(
        PETROCOMP,
        history=_history({"2026-08": "10.00", "2026-09": "12.00", "2026-10": "14.00"}),
        disputed_amount=eur("50.00"),
        disputed_period=period("2026-11"),
        first_period=period("2026-08"),
    )
    assert (answer.average, answer.threshold, answer.excess) == (
        eur("12.00"),
        eur("36.00"),
        eur("38.00"),
    )
    assert answer.min_instalments == 2  # PC-16 names no count; reading: at least 2
    assert [(i.due, i.amount) for i in answer.instalments] == [
        (date(2026, 12, 31), eur("19.00")),
        (date(2027, 1, 31), eur("19.00")),
    ]
    assert answer.rules == ("PC-16",)
    assert answer.average_working.rendered() == "(10.00 + 12.00 + 14.00) ÷ 3"


@pytest.mark.rule("UN-15")
def test_UN_15_one_month_of_use_sets_no_average() -> None:
    with pytest.raises(RemedyInputError) as raised:
        disputed_bill(
            UNITEL,
            history=_history({"2026-10": "10.00"}),
            disputed_amount=eur("50.00"),
            disputed_period=period("2026-11"),
            first_period=period("2026-10"),
        )
    assert raised.value.code == "history_too_short"


@pytest.mark.rule("UN-15")
def test_UN_15_a_missing_period_is_named_not_taken_as_zero() -> None:
    with pytest.raises(RemedyInputError) as raised:
        disputed_bill(
            UNITEL,
            history=_history({"2026-08": "10.00", "2026-10": "14.00"}),
            disputed_amount=eur("50.00"),
            disputed_period=period("2026-11"),
            first_period=period("2026-08"),
        )
    assert (raised.value.code, raised.value.params["value"]) == ("history_incomplete", "2026-09")


@pytest.mark.rule("UN-16")
def test_UN_16_instalments_follow_a_given_first_due_day_monthly() -> None:
    answer = disputed_bill(
        UNITEL,
        history=_history(SIX_MONTHS),
        disputed_amount=eur("95.00"),
        disputed_period=period("2026-11"),
        first_period=period("2025-01"),
        first_due=date(2027, 1, 31),
    )
    assert [i.due for i in answer.instalments] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]


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
