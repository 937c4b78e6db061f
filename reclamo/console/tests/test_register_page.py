"""The register page: oldest first (PC-14), filters, keyset pages, the nearest deadline with the
time left, and a query count that does not grow with the register."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.console.register import time_left_words
from reclamo.console.synthetic import synthetic_cases_create
from reclamo.console.tests.conftest import case_register

URL = reverse("console:register", args=["pronet"])


def _numbers(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(
        r'<th scope="row"[^>]*><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.mark.rule("PC-14")
def test_the_register_lists_every_case_oldest_first(staff_client, pronet) -> None:
    now = timezone.now()
    late = case_register(pronet, received_at=now - timedelta(days=1))
    early = case_register(pronet, received_at=now - timedelta(days=5))
    middle = case_register(pronet, received_at=now - timedelta(days=3))
    response = staff_client.get(URL)
    assert _numbers(response) == [early.number, middle.number, late.number]


@pytest.mark.rule("T-6")
def test_received_between_uses_the_providers_local_dates(staff_client, pronet) -> None:
    # 00:30 on 21 November in Bucharest is still 20 November in UTC.
    just_after_midnight = case_register(
        pronet, received_at=datetime(2026, 11, 20, 22, 30, tzinfo=UTC)
    )
    day_before = case_register(pronet, received_at=datetime(2026, 11, 20, 21, 30, tzinfo=UTC))
    response = staff_client.get(URL, {"received_from": "2026-11-21", "received_to": "2026-11-21"})
    assert _numbers(response) == [just_after_midnight.number]
    response = staff_client.get(URL, {"received_to": "2026-11-20"})
    assert _numbers(response) == [day_before.number]
    # The time is shown in Bucharest time, not UTC.
    assert "12:30" in staff_client.get(URL).content.decode().replace("\u202f", " ")


def test_filters_status_kind_channel_and_text_search(staff_client, pronet) -> None:
    now = timezone.now()
    billing = case_register(pronet, received_at=now - timedelta(days=2), subject="Invoice twice")
    phone = case_register(
        pronet,
        received_at=now - timedelta(days=1),
        channel="phone",
        name="Ion Ionescu",
        subject="No signal",
    )
    Complaint.objects.filter(pk=billing.pk).update(status="resolved")
    assert _numbers(staff_client.get(URL, {"status": "resolved"})) == [billing.number]
    assert _numbers(staff_client.get(URL, {"channel": "phone"})) == [phone.number]
    assert _numbers(staff_client.get(URL, {"q": "ionescu"})) == [phone.number]
    assert _numbers(staff_client.get(URL, {"q": billing.number})) == [billing.number]
    assert _numbers(staff_client.get(URL, {"q": "invoice"})) == [billing.number]
    assert _numbers(staff_client.get(URL, {"kind": "request"})) == []


def test_overdue_and_at_risk_are_marked_with_the_time_left(staff_client, pronet) -> None:
    now = timezone.now()
    overdue = case_register(pronet, received_at=now - timedelta(days=3))
    at_risk = case_register(pronet, received_at=now - timedelta(days=2))
    calm = case_register(pronet, received_at=now - timedelta(days=1))
    ComplaintDeadline.objects.filter(complaint=overdue).update(
        due_at=now - timedelta(hours=2, minutes=5)
    )
    ComplaintDeadline.objects.filter(complaint=at_risk).update(
        due_at=now + timedelta(hours=5, minutes=5)
    )
    ComplaintDeadline.objects.filter(complaint=calm).update(due_at=now + timedelta(days=3, hours=1))
    page = staff_client.get(URL).content.decode()
    assert '<tr class="overdue">' in page and "overdue by 2 hours" in page
    assert '<tr class="at_risk">' in page and "At risk: in 5 hours" in page
    assert '<tr class="on_time">' in page and "in 3 days" in page
    assert _numbers(staff_client.get(URL, {"overdue": "on"})) == [overdue.number]


def test_time_left_is_in_the_readers_language() -> None:
    assert time_left_words(timedelta(days=3, hours=1), "en") == "in 3 days"
    assert time_left_words(timedelta(days=3, hours=1), "ro") == "peste 3 zile"
    assert time_left_words(-timedelta(hours=2, minutes=3), "en") == "overdue by 2 hours"


def test_the_next_page_link_continues_where_the_page_ended(staff_client, pronet) -> None:
    synthetic_cases_create(provider=pronet, count=120, seed=3)
    first = staff_client.get(URL)
    numbers = _numbers(first)
    assert len(numbers) == 50
    next_url = re.search(r'<a href="(\?[^"]*after=[^"]+)" rel="next"', first.content.decode())
    assert next_url is not None
    second = staff_client.get(URL + next_url.group(1).replace("&amp;", "&"))
    expected = list(
        Complaint.objects.order_by("received_at", "number").values_list("number", flat=True)
    )
    assert numbers + _numbers(second) == expected[:100]


def test_a_tampered_cursor_shows_the_first_page_with_a_message(staff_client, pronet) -> None:
    case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    response = staff_client.get(URL, {"after": "not-a-cursor"})
    assert response.status_code == 422
    assert "That page link is not valid" in response.content.decode()
    assert len(_numbers(response)) == 1


def test_htmx_refreshes_only_the_table(staff_client, pronet) -> None:
    case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    response = staff_client.get(URL, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<section id="register"') and "<html" not in body
    assert len(_numbers(response)) == 1


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and _numbers(response)
    return len(queries)


def test_the_page_costs_the_same_queries_with_5_or_60_cases(staff_client, pronet) -> None:
    synthetic_cases_create(provider=pronet, count=5, seed=1)
    small = _queries(staff_client, URL)
    small_filtered = _queries(staff_client, URL + "?q=e&received_from=2020-01-01&kind=complaint")
    synthetic_cases_create(provider=pronet, count=55, seed=2)
    assert Complaint.objects.count() == 60
    assert _queries(staff_client, URL) == small
    assert (
        _queries(staff_client, URL + "?q=e&received_from=2020-01-01&kind=complaint")
        == small_filtered
    )
    # Session, user, provider, the policy in force (two), the cases, their current deadlines.
    assert small == 6


def test_the_page_speaks_the_staff_members_language(staff_client, pronet) -> None:
    case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    page = staff_client.get(URL.replace("/en/", "/ro/")).content.decode()
    assert '<html lang="ro">' in page
    assert "Înregistrată" in page and "Termen intern" in page  # status and clock labels


def test_every_value_in_a_row_is_escaped(staff_client, pronet) -> None:
    case = case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    Complaint.objects.filter(pk=case.pk).update(department='<script>alert("x")</script>')
    page = staff_client.get(URL).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_the_filter_form_shows_the_values_asked_in_the_readers_language(
    staff_client, pronet
) -> None:
    """The form's HTML is kept per procedure, language and filters: each its own."""
    case_register(pronet, received_at=timezone.now() - timedelta(days=1))
    bare = staff_client.get(URL).content.decode()
    assert '<option value="resolved">Resolved</option>' in bare
    resolved = staff_client.get(URL, {"status": "resolved"}).content.decode()
    assert '<option value="resolved" selected>Resolved</option>' in resolved
    romanian = staff_client.get(URL.replace("/en/", "/ro/"), {"status": "resolved"})
    assert '<option value="resolved" selected>Soluționată</option>' in romanian.content.decode()
    wrong = staff_client.get(URL, {"received_from": "yesterday"}).content.decode()
    assert "has-error" in wrong and "has-error" not in bare
    again = staff_client.get(URL).content.decode()
    assert 'value="resolved" selected' not in again and "has-error" not in again


@pytest.mark.parametrize("language", ["en", "ro", "sk", "hu"])
def test_moments_read_as_cldr_writes_them(language: str) -> None:
    """The cached day and minute texts give what Babel gives for the whole instant."""
    from babel.dates import format_date, format_time, get_datetime_format

    from reclamo.console.register import format_moment

    for instant in (
        datetime(2026, 11, 20, 13, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 0, 59, tzinfo=UTC),  # the hour the clocks go forward
        datetime(2027, 1, 1, 22, 5, tzinfo=UTC),
    ):
        local = instant.astimezone(ZoneInfo("Europe/Bucharest"))
        glue = str(get_datetime_format("medium", locale=language))
        expected = (
            glue.replace("{1}", format_date(local.date(), "medium", locale=language))
            .replace("{0}", format_time(local, "short", locale=language))
            .replace("'", "")
        )
        assert format_moment(instant, "Europe/Bucharest", language) == expected
