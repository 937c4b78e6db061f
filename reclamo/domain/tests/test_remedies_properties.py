"""Properties of every remedy (hypothesis): instalments add up to the excess to the cent, credits
never exceed an invoice, no remedy is negative, nothing is ever a float, and the working always
reproduces the figure answered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reclamo.domain.remedies import (
    OUTAGE_CAUSES,
    BillingPeriod,
    InvoiceDue,
    Money,
    credit_over_invoices,
    disputed_bill,
    fault_charges,
    instalment_schedule,
    outage_credit,
)
from reclamo.domain.tests.deadline_helpers import PETROCOMP, UNITEL
from reclamo.domain.tests.remedy_helpers import PETROCOMP_PRICED, UNITEL_PRICED

cents = st.integers(min_value=0, max_value=10_000_000)
amounts = cents.map(lambda c: Decimal(c) / 100)
money = amounts.map(lambda a: Money(a, "EUR"))
instants = st.datetimes(
    min_value=datetime(2021, 1, 1),  # noqa: DTZ001 — hypothesis draws naive; made aware below
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
).map(lambda d: d.replace(tzinfo=UTC))
lengths = st.integers(min_value=1, max_value=120 * 86400).map(lambda s: timedelta(seconds=s))
periods = st.builds(
    BillingPeriod,
    st.integers(min_value=2000, max_value=2090),
    st.integers(min_value=1, max_value=12),
)


def _no_float(*values: object) -> None:
    for value in values:
        assert not isinstance(value, float)
        if isinstance(value, Money):
            assert type(value.amount) is Decimal


@settings(max_examples=300, deadline=None)
@given(money, st.integers(min_value=1, max_value=24), periods)
def test_instalments_add_up_to_the_amount_to_the_cent(
    excess: Money, count: int, after: BillingPeriod
) -> None:
    parts = instalment_schedule(excess, count, after=after)
    assert len(parts) == count
    total = sum((part.amount.amount for part in parts), Decimal(0))
    assert total == excess.rounded().amount
    assert all(part.amount.amount == parts[0].amount.amount for part in parts[:-1])
    assert all(part.amount.amount >= 0 for part in parts)
    assert all(part.amount.amount.as_tuple().exponent == -2 for part in parts)
    assert [part.due for part in parts] == sorted({part.due for part in parts})


@settings(max_examples=300, deadline=None)
@given(money, st.lists(money, max_size=12))
def test_credits_never_exceed_an_invoice_and_return_the_whole_amount(
    owed: Money, bills: list[Money]
) -> None:
    invoices = [InvoiceDue(f"I{index}", bill) for index, bill in enumerate(bills)]
    schedule = credit_over_invoices(UNITEL, amount=owed, invoices=invoices)
    for line, invoice in zip(schedule.lines, invoices, strict=False):
        assert line.reference == invoice.reference
        assert Decimal(0) <= line.credit.amount <= invoice.amount.amount
    credited = sum((line.credit.amount for line in schedule.lines), Decimal(0))
    assert credited + schedule.outstanding.amount == owed.amount
    assert schedule.outstanding.amount >= 0
    assert schedule.working.result() == owed.amount
    _no_float(schedule.outstanding, *(line.credit for line in schedule.lines))


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from([UNITEL, PETROCOMP]),
    money,
    instants,
    lengths,
    st.sampled_from(OUTAGE_CAUSES),
)
def test_outage_credit_is_never_negative_and_its_working_reproduces_it(
    policy: object, fee: Money, start: datetime, length: timedelta, cause: str
) -> None:
    credit = outage_credit(
        policy,  # type: ignore[arg-type]
        monthly_fee=fee,
        start=start,
        end=start + length,
        cause=cause,  # type: ignore[arg-type]
    )
    assert credit.amount.amount >= 0
    assert credit.working.result() == credit.amount.amount
    assert credit.whole_days >= 0
    _no_float(credit.amount, *credit.working.values.values())
    if credit.months:  # UN-13: the month parts are the whole outage
        assert sum(m.seconds_without_service for m in credit.months) == credit.seconds
        # at most the fees of the months it touched
        assert credit.amount.amount <= fee.amount * len(credit.months)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([UNITEL, PETROCOMP]),
    st.lists(money, min_size=2, max_size=9),
    money,
    periods,
)
def test_disputed_bill_figures_are_never_negative_and_reproduced(
    policy: object, bills: list[Money], disputed: Money, disputed_period: BillingPeriod
) -> None:
    first = disputed_period.plus(-len(bills))
    history = {first.plus(index): bill for index, bill in enumerate(bills)}
    answer = disputed_bill(
        policy,  # type: ignore[arg-type]
        history=history,
        disputed_amount=disputed,
        disputed_period=disputed_period,
        first_period=first,
    )
    figures = (answer.average, answer.threshold, answer.excess)
    assert all(figure.amount >= 0 for figure in figures)
    assert answer.average_working.result() == answer.average.amount
    assert answer.threshold_working.result() == answer.threshold.amount
    assert answer.excess_working.result() == answer.excess.amount
    assert answer.deferral_allowed == bool(answer.instalments)
    if answer.deferral_allowed:
        assert len(answer.instalments) == answer.min_instalments
        assert sum(i.amount.amount for i in answer.instalments) == answer.excess.amount
    else:
        assert answer.excess.amount == 0
    assert len(answer.periods) == min(len(bills), 6)
    _no_float(*figures, *(i.amount for i in answer.instalments))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([UNITEL_PRICED, PETROCOMP_PRICED]),
    st.booleans(),
    st.booleans(),
    st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False),
    st.integers(min_value=0, max_value=5),
)
def test_charges_are_never_negative_and_reproduced(
    policy: object, caused: bool, insisted: bool, km: Decimal, trips: int
) -> None:
    charges = fault_charges(
        policy,  # type: ignore[arg-type]
        customer_caused=caused,
        trip_km=km,
        trips=trips,
        trip_unnecessary_on_request=insisted,
    )
    assert charges.total.amount >= 0
    assert charges.working.result() == charges.total.amount


@pytest.mark.parametrize("bad", [0.1, 20.0, float("nan")])
def test_money_never_takes_a_float(bad: float) -> None:
    with pytest.raises(TypeError, match="float"):
        Money(bad, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        Money("20.00", "EUR") * bad  # type: ignore[operator]
