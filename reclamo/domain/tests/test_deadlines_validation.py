"""Input the deadline engine refuses, naming the field and a code (T-6): unknown values,
naive or out-of-order instants, instants outside the countable range."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reclamo.domain.deadlines import deadlines_at_registration
from reclamo.domain.errors import DomainError
from reclamo.domain.tests.deadline_helpers import PRONET, UNITEL, ask, ba, bu, unitel_complaint


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": "praise"}, "kind", "unknown_value"),
        ({"channel": "pigeon"}, "channel", "unknown_value"),
        ({"category": "price"}, "category", "unknown_value"),
        ({"complexity": "hard"}, "complexity", "unknown_value"),
        ({"fault_location": "moon"}, "fault_location", "unknown_value"),
        ({"department": "billing"}, "department", "unknown_department"),
        ({"received_at": datetime(2026, 11, 20, 9)}, "received_at", "naive_datetime"),  # noqa: DTZ001
        ({"fault_started_at": datetime(2026, 11, 20, 9)}, "fault_started_at", "naive_datetime"),  # noqa: DTZ001
        ({"fault_started_at": ba(2026, 11, 21, 9)}, "fault_started_at", "after_received"),
        ({"defect_discovered_at": date(2026, 11, 21)}, "defect_discovered_at", "after_received"),
        ({"invoice_delivered_at": date(2026, 12, 1)}, "invoice_delivered_at", "after_received"),
        ({"invoice_delivered_at": ba(2026, 11, 1)}, "invoice_delivered_at", "invalid"),
        ({"service_restored_at": date(2026, 11, 1)}, "service_restored_at", "not_a_datetime"),
        ({"kind": None}, "kind", "required"),
    ],
)
def test_invalid_input_is_refused_with_field_and_code(
    fields: dict[str, object], field: str, code: str
) -> None:
    request: dict[str, object] = {"received_at": ba(2026, 11, 20, 10), **fields}
    with pytest.raises(DomainError) as caught:
        ask(UNITEL, **request)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert caught.value.message


def test_registration_before_receipt_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        deadlines_at_registration(PRONET, unitel_complaint(), registered_at=ba(2026, 11, 19, 9))
    assert caught.value.code == "before_received"


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("received_at", datetime(1, 1, 1, tzinfo=UTC)),
        ("received_at", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
        ("fault_started_at", datetime(1969, 12, 31, tzinfo=UTC)),
    ],
)
def test_an_instant_the_product_cannot_count_in_is_refused_naming_its_field(
    field: str, value: datetime
) -> None:
    received = {"received_at": bu(2026, 11, 20, 9), field: value}
    with pytest.raises(DomainError) as refused:
        ask(PRONET, fault_location="customer_premises", **received)
    assert (refused.value.code, refused.value.field) == ("out_of_range", field)
