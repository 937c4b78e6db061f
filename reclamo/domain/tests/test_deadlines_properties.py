"""Properties over random cases of every policy (hypothesis): deadlines never before
their start, rolled ones on working days, records in clock order; and how each deadline
says it was counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reclamo.domain.deadlines import Basis, CaseFacts, IntakeDecision, preview
from reclamo.domain.policy import CATEGORIES, CHANNEL_KINDS, COMPLEXITIES, FAULT_LOCATIONS, Policy
from reclamo.domain.tests.deadline_helpers import (
    ALL_POLICIES,
    BA,
    BU,
    PRONET,
    UNITEL,
    ask,
    ba,
    bu,
    rules_of,
)
from reclamo.domain.vocabulary import CLOCKS, Clock

ZONES = [
    UTC,
    BA,
    BU,
    ZoneInfo("Europe/Budapest"),
    timezone(timedelta(hours=-5)),
    ZoneInfo("Asia/Tokyo"),
]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Policy, CaseFacts]:
    policy = draw(st.sampled_from(ALL_POLICIES))
    received_at = draw(
        st.datetimes(
            min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
            max_value=datetime(2035, 12, 31),  # noqa: DTZ001
            timezones=st.sampled_from(ZONES),
        )
    )
    local_day = received_at.astimezone(ZoneInfo(policy.time_zone)).date()
    before = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=200))
    optional = st.none() | st.just(True)
    request = CaseFacts(
        kind=draw(st.sampled_from(policy.kinds)),
        channel=draw(st.sampled_from(CHANNEL_KINDS)),
        received_at=received_at,
        category=draw(st.none() | st.sampled_from(CATEGORIES)),
        department=draw(st.none() | st.sampled_from(policy.department_slugs)),
        complexity=draw(st.none() | st.sampled_from(COMPLEXITIES)),
        fault_location=draw(st.none() | st.sampled_from(FAULT_LOCATIONS)),
        fault_started_at=received_at - draw(before) if draw(optional) else None,
        defect_discovered_at=draw(
            st.none() | st.just(local_day - draw(before)) | st.just(received_at - draw(before))
        ),
        invoice_delivered_at=local_day - draw(before) if draw(optional) else None,
        service_restored_at=received_at - draw(before) if draw(optional) else None,
    )
    return policy, request


def is_working_day(policy: Policy, day: date) -> bool:
    return policy.holidays.is_working_day(day)


def bases_of(answer: IntakeDecision) -> dict[str, Basis]:
    """How each deadline was counted, e.g. {"resolution": Basis(30, "days", "received")}."""
    return {deadline.clock: deadline.basis for deadline in answer.deadlines}


@settings(max_examples=400, deadline=None)
@given(cases())
def test_deadlines_never_before_their_start(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    from_receipt: tuple[Clock, ...] = (
        "internal_target",
        "resolution",
        "resolution_extended_max",
        "deemed_upheld",
    )
    for clock in from_receipt:
        value = answer.due_at(clock)
        assert value is None or value >= request.received_at
    repair = answer.deadline("repair")
    if repair is not None:
        # UN-4 counts from the fault's occurrence, which may be before the report: the deadline
        # may already have passed when the fault is reported. Every other repair clock counts
        # from the report.
        start = request.received_at
        if repair.rule == "UN-4" and request.fault_started_at is not None:
            start = request.fault_started_at
        assert repair.due_at >= start


@pytest.mark.rule("T-1", "T-2", "T-6")
@settings(max_examples=400, deadline=None)
@given(cases())
def test_rolled_deadlines_fall_on_working_days(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    zone = ZoneInfo(policy.time_zone)
    rolled = [
        answer.due_at("resolution"),
        answer.due_at("resolution_extended_max"),
        answer.due_at("deemed_upheld"),
        answer.filing.ends_at if answer.filing else None,
    ]
    if rules_of(answer).get("repair") == "UN-3":
        rolled.append(answer.due_at("repair"))
    for value in rolled:
        if value is None:
            continue
        assert value.tzinfo is not None
        local = value.astimezone(zone)
        assert value.utcoffset() == local.utcoffset()  # shown in the provider's zone (T-6)
        assert (local.hour, local.minute, local.second) == (23, 59, 59)  # T-1
        assert is_working_day(policy, local.date())  # T-2


@pytest.mark.rule("UN-9")
@settings(max_examples=400, deadline=None)
@given(cases())
def test_longest_extension_is_never_before_the_resolution(
    case: tuple[Policy, CaseFacts],
) -> None:
    policy, request = case
    answer = preview(policy, request)
    longest = answer.due_at("resolution_extended_max")
    if longest is not None:
        resolution = answer.due_at("resolution")
        assert resolution is not None
        assert longest >= resolution


@settings(max_examples=200, deadline=None)
@given(cases())
def test_refusal_and_acceptance_are_exclusive(case: tuple[Policy, CaseFacts]) -> None:
    policy, request = case
    answer = preview(policy, request)
    assert answer.accepted == (answer.refusal is None)
    if answer.accepted:
        assert answer.department in policy.department_slugs
        assert answer.treated_as in policy.kinds
    else:
        assert answer.refusal is not None
        assert set(policy.languages) <= set(answer.refusal.texts)
        assert "{channels}" not in " ".join(answer.refusal.texts.values())


@settings(max_examples=200, deadline=None)
@given(cases())
def test_deadlines_are_self_contained_records_in_clock_order(
    case: tuple[Policy, CaseFacts],
) -> None:
    policy, request = case
    answer = preview(policy, request)
    clocks = [deadline.clock for deadline in answer.deadlines]
    assert clocks == sorted(set(clocks), key=CLOCKS.index)  # each clock once, in CLOCKS order
    for record in answer.deadlines:
        assert answer.deadline(record.clock) is record
        assert answer.due_at(record.clock) == record.due_at
        assert record.due_at.utcoffset() is not None
        assert record.rule in answer.rules
        assert (record.milestone is not None) == (record.clock == "repair")
    for clock in set(CLOCKS) - set(clocks):
        assert answer.deadline(clock) is None and answer.due_at(clock) is None


def test_each_deadline_says_how_it_was_counted() -> None:
    answer = ask(
        UNITEL,
        category="quality",
        fault_location="outside_premises",
        fault_started_at=ba(2026, 11, 19, 22, 0),
        received_at=ba(2026, 11, 20, 9, 0),
    )
    bases = bases_of(answer)
    assert bases["resolution"] == Basis(30, "days", "received")  # UN-9
    assert bases["resolution_extended_max"] == Basis(60, "days", "received")  # UN-9
    assert bases["repair"] == Basis(24, "hours", "fault_started")  # UN-4
    pronet = ask(PRONET, category="quality", channel="web", received_at=bu(2026, 11, 20, 20, 30))
    assert bases_of(pronet)["internal_target"] == Basis(2, "working_hours", "received")
