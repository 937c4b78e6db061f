"""The fourth provider (tests/policies/magyarnet-hu.yaml): a policy that is not bundled
runs through the same engine."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from reclamo.domain.tests.deadline_helpers import MAGYARNET, ask, end_of, same_instant


def test_magyarnet_complaint_answered_within_30_days() -> None:
    budapest = ZoneInfo("Europe/Budapest")
    answer = ask(MAGYARNET, channel="email", received_at=datetime(2026, 11, 20, 9, tzinfo=budapest))
    same_instant(answer.due_at("resolution"), end_of(date(2026, 12, 21), budapest))
    assert answer.department == "ugyfelszolgalat"
    refused = ask(
        MAGYARNET, channel="phone", received_at=datetime(2026, 11, 20, 9, tzinfo=budapest)
    )
    assert refused.refusal is not None
    assert (
        refused.refusal.texts["hu"]
        == "Panaszt csak írásban fogadunk el: Levél, E-mail, Ügyfélportál."
    )
