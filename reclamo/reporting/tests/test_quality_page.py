"""The public quality page: pronet's procedure turns it on (ANCOM); the others' is a 404."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from reclamo.domain.quality import last_complete_quarters
from reclamo.reporting.tests.conftest import BUCHAREST, case_create


def test_the_page_shows_the_last_four_quarters_in_every_language(pronet, client) -> None:  # type: ignore[no-untyped-def]
    today = timezone.now().astimezone(BUCHAREST).date()
    last = last_complete_quarters(today, 4)[0]
    received = datetime.combine(last.first + timedelta(days=3), time(9), tzinfo=BUCHAREST)
    case_create(
        pronet, received_at=received, statement_sent_at=received + timedelta(hours=12, minutes=30)
    )
    for language, words in (
        ("ro", "Calitatea soluționării reclamațiilor"),
        ("en", "Quality of complaint handling"),
        ("sk", "Kvalita vybavovania reklamácií"),
        ("hu", "A panaszkezelés minősége"),
    ):
        page = client.get(f"/{language}/p/pronet/quality/")
        assert page.status_code == 200
        text = page.content.decode()
        assert words in text
        assert f"{last.first.year}-Q{(last.first.month - 1) // 3 + 1}" in text
        assert "12,5" in text or "12.5" in text


def test_a_procedure_without_the_switch_has_no_page(bundled_providers, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/sk/p/unitel/quality/").status_code == 404
    assert client.get("/sk/p/nobody/quality/").status_code == 404


def test_the_page_costs_the_same_queries_with_more_cases(
    pronet, client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(30):
        assert client.get("/en/p/pronet/quality/").status_code == 200


def test_the_quarters_are_kept_for_the_next_visitor(pronet, client) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get("/en/p/pronet/quality/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/ro/p/pronet/quality/").status_code == 200
    counted = [q for q in first.captured_queries if "complaints_complaint" in q["sql"]]
    assert counted
    assert not [q for q in second.captured_queries if "complaints_complaint" in q["sql"]]
