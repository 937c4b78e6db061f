"""Naive datetimes (T-6): every public calendar function refuses them, naming the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from reclamo.domain.calendar import days_after, hours_after, months_after, require_aware
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.calendar_helpers import BUC, BUCHAREST, HOURS_2, pn6_schedule

NAIVE = datetime(2026, 11, 20, 10, 0)  # noqa: DTZ001 - the input under test
AWARE = datetime(2026, 11, 20, 10, 0, tzinfo=BUC)
_PERIOD: dict[str, Any] = {"time_zone": BUCHAREST, "roll_to_working_day": True, "holidays": None}


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: require_aware(NAIVE, field="received_at"), "received_at"),
        (lambda: pn6_schedule().add(NAIVE, HOURS_2), "start"),
        (lambda: pn6_schedule().is_open(NAIVE), "at"),
        (lambda: pn6_schedule().next_opening(NAIVE), "at"),
        (lambda: pn6_schedule().current_window_end(NAIVE), "at"),
        (lambda: pn6_schedule().working_time_between(NAIVE, AWARE), "start"),
        (lambda: pn6_schedule().working_time_between(AWARE, NAIVE), "end"),
        (lambda: days_after(NAIVE, 30, **_PERIOD), "event_at"),
        (lambda: months_after(NAIVE, 3, **_PERIOD), "event_at"),
        (lambda: hours_after(NAIVE, 24), "event_at"),
    ],
    ids=[
        "require_aware",
        "add",
        "is_open",
        "next_opening",
        "current_window_end",
        "between-start",
        "between-end",
        "days_after",
        "months_after",
        "hours_after",
    ],
)
def test_t6_naive_datetimes_are_refused(call: Callable[[], object], field: str) -> None:
    """T-6: input without a UTC offset is refused with a clear error."""
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == "naive_datetime"
    assert caught.value.field == field
    assert "UTC offset" in caught.value.message


@pytest.mark.rule("T-6")
def test_t6_require_aware_returns_aware_value_unchanged() -> None:
    assert require_aware(AWARE, field="received_at") is AWARE
