"""What the acknowledgement says: the number, every deadline in local time with its zone, what it
means and its rule, where to follow the case; in the customer's language; HTML that escapes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation

from reclamo.complaints.models import Complaint
from reclamo.formats import format_instant
from reclamo.labels import CLOCK_EXPLANATIONS
from reclamo.letters.acknowledgement import acknowledgement_compose
from reclamo.letters.services import acknowledgement_deliver


def _current_deadlines(complaint: Complaint):  # type: ignore[no-untyped-def]
    rows = list(complaint.deadlines.filter(superseded_at__isnull=True))
    assert rows, "the case under test must carry deadlines"
    return rows


def _assert_deadlines_in(text: str, complaint: Complaint, zone: str, language: str) -> None:
    for row in _current_deadlines(complaint):
        local = row.due_at.astimezone(ZoneInfo(zone))
        assert row.rule in text
        # The provider's wall-clock time, not UTC (the two differ for these cases).
        assert local.strftime("%H:%M") != row.due_at.strftime("%H:%M")
        assert format_instant(row.due_at, zone, language) in text


@pytest.mark.rule("T-6", "PN-5", "PN-6")
def test_a_romanian_acknowledgement_gives_the_number_and_each_deadline_in_bucharest_time(
    register_case,
) -> None:
    complaint = register_case("pronet", language="ro", category="billing")
    assert acknowledgement_deliver(complaint_id=complaint.pk).result == "sent"
    message = mail.outbox[0]
    assert complaint.number in message.subject and complaint.number in message.body
    _assert_deadlines_in(str(message.body), complaint, "Europe/Bucharest", "ro")
    assert "ora României" in message.body
    with translation.override("ro"):
        assert str(CLOCK_EXPLANATIONS["resolution"]) in message.body
    assert "http://localhost:8000/ro/p/pronet/" in message.body


@pytest.mark.rule("T-6", "PC-12", "PC-13")
def test_a_slovak_acknowledgement_gives_each_deadline_in_slovak_time(register_case) -> None:
    complaint = register_case("petrocomp", channel="api", language="sk", email="jana@example.sk")
    assert acknowledgement_deliver(complaint_id=complaint.pk).result == "sent"
    message = mail.outbox[0]
    assert complaint.number in message.body
    _assert_deadlines_in(str(message.body), complaint, "Europe/Bratislava", "sk")
    assert "slovenský čas" in message.body
    html = message.alternatives[0]  # type: ignore[attr-defined]
    assert html.mimetype == "text/html"
    _assert_deadlines_in(str(html.content), complaint, "Europe/Bratislava", "sk")


def test_the_email_is_marked_automatic_and_threads_replies_to_the_case(register_case) -> None:
    complaint = register_case()
    acknowledgement_deliver(complaint_id=complaint.pk)
    headers = mail.outbox[0].message()
    assert headers["Auto-Submitted"] == "auto-generated"
    assert complaint.number in headers["Message-ID"]
    assert complaint.number in headers["References"]
    assert headers["Message-ID"] != headers["References"]


def test_the_html_escapes_what_the_customer_wrote(register_case) -> None:
    complaint = register_case(
        name='Ana <img src=x onerror="alert(1)">', subject="<script>alert(1)</script> bill"
    )
    acknowledgement = acknowledgement_compose(complaint)
    assert "<script" not in acknowledgement.html and "<img" not in acknowledgement.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; bill" in acknowledgement.html
    # The text part is plain text: the customer's words as they wrote them, not entities.
    assert "<script>alert(1)</script> bill" in acknowledgement.text


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    ("language", "zone_words"), [("hu", "szlovákiai idő"), ("en", "Slovak time")]
)
def test_hungarian_and_english_acknowledgements_use_their_own_dates(
    register_case, language, zone_words
) -> None:
    complaint = register_case("unitel", language=language, email="laszlo@example.sk")
    acknowledgement = acknowledgement_compose(complaint)
    assert acknowledgement.language == language
    _assert_deadlines_in(acknowledgement.text, complaint, "Europe/Bratislava", language)
    assert zone_words in acknowledgement.text
    assert f"/{language}/p/unitel/" in acknowledgement.text
