"""Weekly windows (T-5): 24:00 as the end of the day, windows refused, overlaps merged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest

from reclamo.domain.calendar import WeeklyWindow, WorkingSchedule
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.calendar_helpers import BUC, BUCHAREST


@pytest.mark.rule("T-5")
def test_weekly_window_24_00_representation() -> None:
    assert WeeklyWindow(0, time(9), time(0)).closes is None
    assert WeeklyWindow(0, time(9), time(0)) == WeeklyWindow(0, time(9), None)
    assert WeeklyWindow.from_text(6, "00:00", "24:00") == WeeklyWindow(6, time(0), None)
    assert WeeklyWindow.from_text(0, "09:00", "17:30").closes == time(17, 30)
    assert WeeklyWindow(0, time(0), None).closes_us - WeeklyWindow(0, time(0)).opens_us == (
        86_400_000_000
    )


@pytest.mark.rule("T-5")
@pytest.mark.parametrize(
    "build",
    [
        lambda: WeeklyWindow(7, time(9), time(17)),
        lambda: WeeklyWindow(0, time(17), time(9)),
        lambda: WeeklyWindow(0, time(9), time(9)),
        lambda: WeeklyWindow(0, time(9, tzinfo=UTC), time(17)),
        lambda: WeeklyWindow.from_text(0, "9h", "17h"),
    ],
    ids=["weekday", "crosses-midnight", "empty", "aware", "unreadable"],
)
def test_invalid_windows_are_refused(build: Callable[[], WeeklyWindow]) -> None:
    with pytest.raises(DomainError) as caught:
        build()
    assert caught.value.code == "invalid_window"


@pytest.mark.rule("T-5")
def test_overlapping_windows_are_merged() -> None:
    schedule = WorkingSchedule(
        [(0, time(9), time(12)), (0, time(11), time(14)), (0, time(14), time(15))],
        time_zone=BUCHAREST,
    )
    monday = datetime(2026, 11, 23, 10, 0, tzinfo=BUC)
    assert schedule.current_window_end(monday) == datetime(2026, 11, 23, 15, 0, tzinfo=BUC)
    assert schedule.weekly_open_time == timedelta(hours=6)
