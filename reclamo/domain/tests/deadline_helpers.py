"""What the deadline tests share: the bundled policies, local times in the providers' zones
and short ways to ask the engine and read its answer."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reclamo.domain.deadlines import CaseFacts, Deadline, IntakeDecision, preview
from reclamo.domain.policy import Policy, load_policy_file
from reclamo.domain.vocabulary import Clock

ROOT = Path(__file__).resolve().parents[3]
BUNDLED = ROOT / "reclamo" / "providers" / "policies"
BA = ZoneInfo("Europe/Bratislava")
BU = ZoneInfo("Europe/Bucharest")
PRONET = load_policy_file(BUNDLED / "pronet.yaml")
UNITEL = load_policy_file(BUNDLED / "unitel.yaml")
PETROCOMP = load_policy_file(BUNDLED / "petrocomp.yaml")
MAGYARNET = load_policy_file(ROOT / "tests" / "policies" / "magyarnet-hu.yaml")
ALL_POLICIES = [PRONET, UNITEL, PETROCOMP, MAGYARNET]


def ba(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Local time in Bratislava."""
    return datetime(year, month, day, hour, minute, tzinfo=BA)


def bu(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Local time in Bucharest."""
    return datetime(year, month, day, hour, minute, tzinfo=BU)


def end_of(day: date, zone: ZoneInfo) -> datetime:
    """23:59:59 local of ``day`` (T-1)."""
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)


def ask(policy: Policy, **fields: object) -> IntakeDecision:
    fields.setdefault("kind", "complaint")
    fields.setdefault("channel", "letter")
    return preview(policy, CaseFacts(**fields))  # type: ignore[arg-type]


def deadline(answer: IntakeDecision, clock: Clock) -> Deadline:
    found = answer.deadline(clock)
    assert found is not None
    return found


def rules_of(answer: IntakeDecision) -> dict[str, str]:
    """The rule that set each deadline, e.g. {"resolution": "PC-12"}."""
    return {deadline.clock: deadline.rule for deadline in answer.deadlines}


def same_instant(actual: datetime | None, expected: datetime) -> None:
    """Equal as instants and shown with the same offset (the provider's zone, T-6)."""
    assert actual is not None
    assert actual == expected
    assert actual.utcoffset() == expected.utcoffset()
    assert actual.isoformat() == expected.isoformat()


def unitel_complaint() -> CaseFacts:
    return CaseFacts(
        kind="complaint", channel="letter", category="quality", received_at=ba(2026, 11, 20, 9, 0)
    )
