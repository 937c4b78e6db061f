"""Reading the register: oldest first (PC-14), keyset pages, filters, one provider only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from reclamo.complaints.models import ComplaintDeadline
from reclamo.complaints.selectors import (
    RegisterFilters,
    complaint_get,
    complaint_register_page,
)
from reclamo.complaints.tests.conftest import complaint_create, provider_create
from reclamo.errors import ApplicationError
from reclamo.keyset import cursor_encode

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _cases(provider, count, **fields):  # type: ignore[no-untyped-def]
    # Received in reverse order of number, so the register's order is visibly by receipt.
    prefix = provider.slug[:2].upper()
    return [
        complaint_create(
            provider=provider,
            number=f"{prefix}-2026-{index:06d}",
            received_at=START + timedelta(hours=count - index),
            **fields,
        )
        for index in range(1, count + 1)
    ]


@pytest.mark.rule("PC-14")
def test_the_register_is_read_oldest_first_across_keyset_pages(provider) -> None:
    cases = _cases(provider, 7)
    seen, cursor = [], None
    while True:
        page = complaint_register_page(
            provider=provider, filters=RegisterFilters(), cursor=cursor, limit=3
        )
        seen += [case.number for case in page.items]
        if page.next is None:
            break
        cursor = page.next
    expected = [case.number for case in sorted(cases, key=lambda c: (c.received_at, c.number))]
    assert seen == expected


def test_cases_received_at_the_same_instant_are_ordered_by_number(provider) -> None:
    for number in ("PN-2026-000003", "PN-2026-000001", "PN-2026-000002"):
        complaint_create(provider=provider, number=number, received_at=START)
    first = complaint_register_page(provider=provider, filters=RegisterFilters(), limit=2)
    rest = complaint_register_page(
        provider=provider, filters=RegisterFilters(), cursor=first.next, limit=2
    )
    assert [c.number for c in [*first.items, *rest.items]] == [
        "PN-2026-000001",
        "PN-2026-000002",
        "PN-2026-000003",
    ]
    assert rest.next is None


def test_another_providers_cases_are_never_read(provider) -> None:
    other = provider_create("unitel")
    _cases(provider, 2)
    (theirs,) = _cases(other, 1)
    page = complaint_register_page(provider=provider, filters=RegisterFilters())
    assert theirs.number not in {case.number for case in page.items}
    assert complaint_get(provider=provider, number=theirs.number) is None
    assert complaint_get(provider=other, number=theirs.number) == theirs


def test_filters_by_status_local_dates_and_text(provider) -> None:
    _cases(provider, 3)
    resolved = complaint_create(
        provider=provider,
        number="PN-2026-000100",
        received_at=datetime(2026, 11, 9, 22, 30, tzinfo=UTC),  # 10 Nov, 00:30 in Bucharest
        status="resolved",
        subject="Router keeps rebooting",
    )
    by_status = complaint_register_page(
        provider=provider, filters=RegisterFilters(status="resolved")
    )
    assert [c.number for c in by_status.items] == [resolved.number]
    local_day = complaint_register_page(
        provider=provider,
        filters=RegisterFilters(received_from=date(2026, 11, 10), received_to=date(2026, 11, 10)),
        time_zone="Europe/Bucharest",
    )
    assert [c.number for c in local_day.items] == [resolved.number]
    text = complaint_register_page(provider=provider, filters=RegisterFilters(search="REBOOT"))
    assert [c.number for c in text.items] == [resolved.number]


def test_overdue_means_an_open_case_with_a_current_deadline_passed(provider) -> None:
    late, on_time = _cases(provider, 2)
    now = timezone.now()
    for case, due in ((late, now - timedelta(hours=1)), (on_time, now + timedelta(days=3))):
        ComplaintDeadline.objects.create(
            complaint=case,
            clock="resolution",
            due_at=due,
            rule="PN-5",
            basis_amount=30,
            basis_unit="days",
            counted_from="received",
            created_at=now,
        )
    page = complaint_register_page(provider=provider, filters=RegisterFilters(overdue_at=now))
    assert [c.number for c in page.items] == [late.number]


def test_a_page_costs_the_same_queries_at_any_size(provider, django_assert_num_queries) -> None:
    _cases(provider, 30)
    for limit in (5, 25):
        with django_assert_num_queries(2):
            page = complaint_register_page(
                provider=provider, filters=RegisterFilters(), limit=limit
            )
            for case in page.items:
                assert case.current_deadlines == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("cursor", ["nonsense", "%%%", cursor_encode(START, "x")[:-3] + "!!"])
def test_a_cursor_not_given_by_the_register_is_a_clear_422(provider, cursor) -> None:
    with pytest.raises(ApplicationError) as refused:
        complaint_register_page(provider=provider, filters=RegisterFilters(), cursor=cursor)
    assert (refused.value.code, refused.value.status) == ("invalid_cursor", 422)


def test_a_limit_beyond_the_contract_is_refused(provider) -> None:
    with pytest.raises(ApplicationError) as refused:
        complaint_register_page(provider=provider, filters=RegisterFilters(), limit=501)
    assert refused.value.code == "invalid_limit"
