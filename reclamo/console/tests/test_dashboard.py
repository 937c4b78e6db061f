"""The manager's dashboard: the provider's own staff only, figures and drill-down links, a
constant number of queries, and the quality report's exports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from reclamo.accounts.tests.factories import ProviderAdminFactory, ProviderStaffFactory
from reclamo.complaints.models import IntakeRecord
from reclamo.reporting.tests.conftest import case_create

URL = "/en/console/pronet/dashboard/"


def _register(provider, count: int) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    for index in range(count):
        received = now - timedelta(days=index * 3 + 1)
        case_create(
            provider,
            received_at=received,
            channel=("web", "email")[index % 2],
            department=("commercial", "technical")[index % 2],
            resolution_due=received + timedelta(days=2),
        )
        case_create(
            provider,
            received_at=received,
            statement_sent_at=received + timedelta(hours=5),
            resolution_due=received + timedelta(days=30),
        )
    case_create(provider, received_at=now - timedelta(days=2), status="deemed_upheld")
    IntakeRecord.objects.create(
        provider=provider, channel="phone", received_at=now - timedelta(days=1), outcome="refused"
    )


def test_the_dashboard_shows_the_backlog_and_links_to_the_register(staff_client, pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet, 4)
    page = staff_client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert '<svg class="chart"' in text and "<title id=" in text
    # Four open cases (two per department), every one past its two-day deadline but the newest.
    assert "/en/console/pronet/?department=commercial&amp;overdue=1" in text
    assert "status=deemed_upheld" in text
    assert page.context["open_total"] == 4
    assert page.context["overdue_total"] == 3
    assert page.context["deemed_upheld"] == 1
    assert page.context["refusals"][0]["count"] == 1
    assert page.context["resolved"] == 4
    assert str(page.context["median"]) == "5.0"


def test_a_department_filter(staff_client, pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet, 4)
    page = staff_client.get(URL, {"department": "technical"})
    assert page.context["open_total"] == 2


def test_the_query_count_does_not_grow_with_the_register(
    staff_client, pronet, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _register(pronet, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first look keeps the period's percentiles (PeriodTimes); the next ones read them.
    assert staff_client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(URL).status_code == 200
    _register(pronet, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        assert staff_client.get(URL).status_code == 200
    assert len(small.captured_queries) <= 16


def test_another_provider_is_404_and_a_provider_admin_is_welcome(client, bundled_providers) -> None:  # type: ignore[no-untyped-def]
    client.force_login(ProviderStaffFactory(provider=bundled_providers["unitel"]))
    assert client.get(URL).status_code == 404
    client.force_login(ProviderAdminFactory(provider=bundled_providers["pronet"]))
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302


def test_bad_dates_show_a_form_error_not_a_failure(staff_client) -> None:  # type: ignore[no-untyped-def]
    page = staff_client.get(URL, {"received_from": "2026-07-01", "received_to": "2026-06-01"})
    assert page.status_code == 200
    assert page.context["form"].errors


@pytest.mark.parametrize(
    ("suffix", "start"), [("quality.csv", b"period_from"), ("quality.pdf", b"%PDF")]
)
def test_the_exports(staff_client, pronet, suffix, start) -> None:  # type: ignore[no-untyped-def]
    _register(pronet, 2)
    answer = staff_client.get(f"/en/console/pronet/dashboard/{suffix}")
    assert answer.status_code == 200
    assert answer.content.startswith(start)


def test_the_ancom_table_of_the_last_four_quarters(staff_client, pronet) -> None:  # type: ignore[no-untyped-def]
    _register(pronet, 2)
    answer = staff_client.get("/en/console/pronet/dashboard/ancom.csv")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="ancom-pronet.csv"'
    lines = answer.content.decode().splitlines()
    assert lines[0].startswith("Indicator,Parametru,") and lines[0].count("Q") == 4
    assert len(lines) == 11
    assert staff_client.get("/en/console/unitel/dashboard/ancom.csv").status_code == 404
    # Linked from a Romanian provider's dashboard only.
    assert "dashboard/ancom.csv" in staff_client.get(URL).content.decode()
