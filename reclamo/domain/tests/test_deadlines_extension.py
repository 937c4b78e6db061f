"""Extending the resolution period (deadlines/extension.py): UN-9's one extension up to
the longest period, and its refusals."""

from __future__ import annotations

from datetime import date

import pytest

from reclamo.domain.deadlines import CaseFacts, extension_decide
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.deadline_helpers import (
    BA,
    PETROCOMP,
    UNITEL,
    ba,
    end_of,
    same_instant,
    unitel_complaint,
)


@pytest.mark.rule("UN-9")
def test_UN_9_extension_granted_before_the_deadline() -> None:
    decision = extension_decide(
        UNITEL,
        unitel_complaint(),
        decided_at=ba(2026, 12, 10, 14, 0),
        extend_by_days=10,
        extensions_so_far=0,
        reason="Waiting for the backbone operator's measurements.",
    )
    # 40 days from 2026-11-20 → Wednesday 2026-12-30.
    same_instant(decision.resolution, end_of(date(2026, 12, 30), BA))
    same_instant(decision.previous_resolution, end_of(date(2026, 12, 21), BA))
    assert decision.rule == "UN-9"


@pytest.mark.rule("UN-9")
def test_UN_9_full_extension_ends_at_the_longest_period() -> None:
    decision = extension_decide(
        UNITEL,
        unitel_complaint(),
        decided_at=ba(2026, 12, 21, 23, 0),  # on the last day, still before the deadline
        extend_by_days=30,
        extensions_so_far=0,
        reason="Partner investigation.",
    )
    same_instant(decision.resolution, end_of(date(2027, 1, 19), BA))
    assert decision.resolution == decision.longest


@pytest.mark.rule("UN-9")
@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"decided_at": ba(2026, 12, 22, 0, 0)}, "decided_at", "extension_too_late"),
        ({"extensions_so_far": 1}, "extend_by_days", "extension_already_used"),
        ({"extend_by_days": 31}, "extend_by_days", "extension_too_long"),
        ({"extend_by_days": 0}, "extend_by_days", "extension_too_long"),
        ({"reason": "  "}, "reason", "reason_required"),
    ],
)
def test_UN_9_extension_refused(changes: dict[str, object], field: str, code: str) -> None:
    arguments: dict[str, object] = {
        "decided_at": ba(2026, 12, 10, 14, 0),
        "extend_by_days": 30,
        "extensions_so_far": 0,
        "reason": "Partner investigation.",
        **changes,
    }
    with pytest.raises(DomainError) as caught:
        extension_decide(UNITEL, unitel_complaint(), **arguments)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_extension_not_allowed_where_the_procedure_has_none() -> None:
    request = CaseFacts(kind="complaint", channel="letter", received_at=ba(2026, 11, 20, 9))
    with pytest.raises(DomainError) as caught:
        extension_decide(
            PETROCOMP,
            request,
            decided_at=ba(2026, 11, 25),
            extend_by_days=10,
            extensions_so_far=0,
            reason="x",
        )
    assert caught.value.code == "extension_not_allowed"
