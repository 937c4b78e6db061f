"""Periods in days counted in the provider's zone (T-1, T-6): across both DST changes in
Bratislava and Bucharest, and from the local day of receipt."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from reclamo.domain.tests.deadline_helpers import (
    BA,
    BU,
    PRONET,
    UNITEL,
    ask,
    ba,
    bu,
    deadline,
    end_of,
    same_instant,
)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_fall_back_in_bratislava() -> None:
    # Received 2026-10-20 (CEST): day 30 is Thursday 2026-11-19, shown in CET.
    answer = ask(UNITEL, received_at=ba(2026, 10, 20, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 11, 19), BA))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=1)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_spring_forward_in_bratislava() -> None:
    answer = ask(UNITEL, received_at=ba(2026, 3, 10, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 4, 9), BA))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=2)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_spring_forward_in_bucharest() -> None:
    answer = ask(PRONET, received_at=bu(2026, 3, 10, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 4, 9), BU))
    assert deadline(answer, "resolution").due_at.utcoffset() == timedelta(hours=3)


@pytest.mark.rule("T-1", "T-6")
def test_days_period_across_fall_back_in_bucharest() -> None:
    # Received 2026-10-20: day 30 is Thursday 2026-11-19 (EET).
    answer = ask(PRONET, received_at=bu(2026, 10, 20, 12, 0))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 11, 19), BU))


@pytest.mark.rule("T-1")
def test_received_day_is_the_local_day() -> None:
    # 23:30 UTC on 2026-11-19 is already 2026-11-20 in Bratislava (T-1 counts local days).
    answer = ask(UNITEL, received_at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), BA))
