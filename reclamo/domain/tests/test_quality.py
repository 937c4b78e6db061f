"""The percentile, share and rate rules of the quality reports (api.md "Quality reports"),
each checked by hand, and the reporting periods."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest

from reclamo.domain.quality import (
    Period,
    hours,
    last_complete_month,
    last_complete_quarters,
    percentile,
    percentile_rank,
    quarter_of,
    rate,
    share,
)

H = timedelta(hours=1)


def test_nearest_rank_is_the_ceiling_of_x_percent_of_n() -> None:
    # 20 % of 5 is exactly 1: rank 1 (a float ceiling of 0.2 * 5 could give 2).
    assert percentile_rank(20, 5) == 1
    assert percentile_rank(50, 4) == 2
    assert percentile_rank(80, 4) == 4  # 3.2 → 4
    assert percentile_rank(95, 20) == 19
    assert percentile_rank(95, 21) == 20  # 19.95 → 20
    assert percentile_rank(100, 7) == 7
    for n in range(1, 300):
        for x in (20, 50, 80, 95):
            assert percentile_rank(x, n) == max(1, math.ceil(x * n / 100 - 1e-9))


def test_percentile_of_one_value_is_that_value_for_every_x() -> None:
    assert [percentile([5 * H], x) for x in (20, 50, 80, 95)] == [5 * H] * 4


def test_percentile_of_no_values_is_none() -> None:
    assert percentile([], 80) is None
    assert hours(percentile([], 80)) is None


def test_percentile_with_ties() -> None:
    # 10 h, 10 h, 10 h, 30 h, 40 h: p20 rank 1, p50 rank 3, p80 rank 4, p95 rank 5.
    values = [10 * H, 10 * H, 10 * H, 30 * H, 40 * H]
    assert [percentile(values, x) for x in (20, 50, 80, 95)] == [10 * H, 10 * H, 30 * H, 40 * H]


def test_hours_round_half_up_to_one_decimal() -> None:
    assert hours(timedelta(hours=4, minutes=15)) == Decimal("4.3")  # 4.25 → 4.3
    assert hours(timedelta(hours=4, minutes=14, seconds=59)) == Decimal("4.2")
    assert hours(timedelta(days=2, minutes=3)) == Decimal("48.1")  # 48.05 → 48.1
    assert hours(timedelta(0)) == Decimal("0.0")


def test_share_two_decimals_half_up_and_none_without_whole() -> None:
    assert share(9, 10) == "0.90"
    assert share(2, 3) == "0.67"
    assert share(1, 8) == "0.13"  # 0.125 → 0.13
    assert share(0, 4) == "0.00"
    assert share(4, 4) == "1.00"
    assert share(0, 0) is None


def test_rate_per_base() -> None:
    assert rate(35, 10_000, 100) == "0.35"
    assert rate(3, 8_000, 1000) == "0.38"  # 0.375 → 0.38
    assert rate(3, None, 1000) is None
    assert rate(3, 0, 1000) is None


def test_quarters_and_months() -> None:
    assert quarter_of(date(2026, 8, 15)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert last_complete_quarters(date(2026, 1, 10), 4) == [
        Period(date(2025, 10, 1), date(2025, 12, 31)),
        Period(date(2025, 7, 1), date(2025, 9, 30)),
        Period(date(2025, 4, 1), date(2025, 6, 30)),
        Period(date(2025, 1, 1), date(2025, 3, 31)),
    ]
    assert last_complete_month(date(2026, 3, 1)) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert Period(date(2026, 7, 1), date(2026, 9, 30)).label == "2026-Q3"
    assert Period(date(2026, 2, 1), date(2026, 2, 28)).label == "2026-02"
    assert Period(date(2026, 2, 3), date(2026, 2, 4)).label == "2026-02-03/2026-02-04"
    assert Period(date(2026, 1, 20), date(2026, 3, 2)).months() == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2026, 2, 2), date(2026, 2, 1))
