"""Disputed bills, worked examples per rule id: UN-15/UN-16 and PC-16 the six-month average (a
history of only three months, an amount exactly at the threshold) and the instalments of the
excess."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reclamo.domain.remedies import BillingPeriod, Money, RemedyInputError, disputed_bill
from reclamo.domain.tests.deadline_helpers import PETROCOMP, UNITEL
from reclamo.domain.tests.remedy_helpers import eur


def period(text: str) -> BillingPeriod:
    return BillingPeriod.parse(text, field="period")


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
