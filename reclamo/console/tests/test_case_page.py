"""The simple case page: the case's facts, its current deadlines in local time, its history."""

from __future__ import annotations

from datetime import UTC, datetime

from django.urls import reverse

from reclamo.console.tests.conftest import case_register


def test_the_case_page_shows_the_case_its_deadlines_and_its_events(staff_client, pronet) -> None:
    case = case_register(pronet, received_at=datetime(2026, 11, 20, 13, 30, tzinfo=UTC))
    page = staff_client.get(reverse("console:case", args=["pronet", case.number])).content.decode()
    assert case.number in page and "Factura greșită" in page and "Ana Popescu" in page
    for deadline in case.deadlines.all():
        assert f'datetime="{deadline.due_at.isoformat()}"' in page
        assert deadline.rule in page
    # The timeline names the event and who caused it.
    assert "Integration (rcl_test)" in page and "Registered" in page
    assert "Nov 20, 2026, 3:30" in page.replace("\u202f", " ")  # 15:30 in Bucharest


def test_an_unknown_number_is_a_404(staff_client) -> None:
    assert (
        staff_client.get(reverse("console:case", args=["pronet", "PN-2026-999999"])).status_code
        == 404
    )
