"""Periods in hours (T-4): elapsed time, across both DST changes, in the input's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reclamo.domain.calendar import hours_after
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.calendar_helpers import BTS, BUC


@pytest.mark.rule("T-4")
@pytest.mark.parametrize("zone", [BUC, BTS], ids=["bucharest", "bratislava"])
def test_t4_24_hours_across_spring_forward(zone: ZoneInfo) -> None:
    """T-4: 24 h from Sat 28 Mar 2026 12:00 ends Sun 29 Mar 13:00 (clocks went forward)."""
    event = datetime(2026, 3, 28, 12, 0, tzinfo=zone)
    end = hours_after(event, 24)
    assert end == datetime(2026, 3, 29, 13, 0, tzinfo=zone)
    assert (end.hour, end.day) == (13, 29)
    assert end.astimezone(UTC) - event.astimezone(UTC) == timedelta(hours=24)


@pytest.mark.rule("T-4")
@pytest.mark.parametrize("zone", [BUC, BTS], ids=["bucharest", "bratislava"])
def test_t4_24_hours_across_fall_back(zone: ZoneInfo) -> None:
    """T-4: 24 h from Sat 24 Oct 2026 12:00 ends Sun 25 Oct 11:00 (clocks went back)."""
    event = datetime(2026, 10, 24, 12, 0, tzinfo=zone)
    end = hours_after(event, 24)
    assert end == datetime(2026, 10, 25, 11, 0, tzinfo=zone)
    assert (end.hour, end.day) == (11, 25)
    assert end.astimezone(UTC) - event.astimezone(UTC) == timedelta(hours=24)


@pytest.mark.rule("T-4")
def test_t4_keeps_the_input_zone_and_accepts_fractions() -> None:
    """T-4: UN-4's 24 hours; exact to the second, in the input's zone."""
    event = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert hours_after(event, 1.5) == datetime(2026, 11, 20, 11, 30, tzinfo=UTC)
    assert hours_after(event, 1.5).tzinfo is UTC
    with pytest.raises(DomainError):
        hours_after(event, -1)
