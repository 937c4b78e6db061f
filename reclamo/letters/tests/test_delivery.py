"""Delivering the acknowledgement: on the customer's channel, recorded, retried with growing
delays, a final failure visible on the case, and never sent twice."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from django.core import mail
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from reclamo.accounts.tests.factories import ProviderAdminFactory
from reclamo.complaints.models import ComplaintEvent
from reclamo.letters.models import Delivery
from reclamo.letters.services import (
    CLAIM_PERIOD,
    RETRY_DELAYS,
    acknowledgement_deliver,
    acknowledgements_due,
)
from reclamo.letters.sms import LocmemBackend
from reclamo.letters.tasks import acknowledgement_send, acknowledgements_sweep

BROKEN = "reclamo.letters.tests.test_delivery.BrokenEmailBackend"
CHANGELIST = "/admin/letters/delivery/"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("smtp.example.com:25 refused the connection")


def _events(complaint, type: str) -> list[ComplaintEvent]:  # type: ignore[no-untyped-def]
    return list(ComplaintEvent.objects.filter(complaint=complaint, type=type))


def test_a_sent_acknowledgement_is_recorded_with_an_event(register_case) -> None:
    complaint = register_case()
    now = timezone.now()
    assert acknowledgement_deliver(complaint_id=complaint.pk, now=now).result == "sent"
    delivery = Delivery.objects.get(complaint=complaint)
    assert (delivery.channel, delivery.to, delivery.status) == ("email", "ana@example.ro", "sent")
    assert (delivery.attempts, delivery.sent_at, delivery.next_attempt_at) == (1, now, None)
    [event] = _events(complaint, "acknowledgement_sent")
    assert event.actor_type == "system" and event.data["after"]["to"] == "ana@example.ro"


def test_without_an_email_address_the_acknowledgement_goes_by_sms_to_a_file(
    register_case, settings, tmp_path
) -> None:
    settings.RECLAMO_SMS_BACKEND = "reclamo.letters.sms.FileBackend"
    settings.RECLAMO_SMS_FILE_PATH = tmp_path / "sms"
    complaint = register_case(email="", phone="+40722123456")
    assert acknowledgement_deliver(complaint_id=complaint.pk).result == "sent"
    assert mail.outbox == []
    [written] = list((tmp_path / "sms").iterdir())
    text = written.read_text(encoding="utf-8")
    assert text.startswith("To: +40722123456\n")
    assert complaint.number in text
    for row in complaint.deadlines.all():
        assert row.rule in text
    assert Delivery.objects.get(complaint=complaint).channel == "sms"


def test_a_failed_send_is_retried_after_growing_delays_then_failed_on_the_case(
    register_case, settings
) -> None:
    settings.EMAIL_BACKEND = BROKEN
    complaint = register_case()
    now = timezone.now()
    for attempt, delay in enumerate(RETRY_DELAYS, start=1):
        outcome = acknowledgement_deliver(complaint_id=complaint.pk, now=now)
        assert outcome.result == "retry" and outcome.retry_at == now + delay
        delivery = Delivery.objects.get(complaint=complaint)
        assert (delivery.status, delivery.attempts) == ("queued", attempt)
        assert "refused the connection" in delivery.last_error
        # Not due yet: a run before the retry time sends nothing and uses no attempt.
        early = acknowledgement_deliver(complaint_id=complaint.pk, now=now + delay / 2)
        assert early.result == "skipped"
        assert _events(complaint, "acknowledgement_failed") == []
        now += delay
    assert acknowledgement_deliver(complaint_id=complaint.pk, now=now).result == "failed"
    delivery = Delivery.objects.get(complaint=complaint)
    assert (delivery.status, delivery.attempts) == ("failed", len(RETRY_DELAYS) + 1)
    [event] = _events(complaint, "acknowledgement_failed")
    assert event.actor_type == "system" and "refused" in event.data["after"]["error"]
    # A failed delivery stays failed: a later run does not start over.
    later = acknowledgement_deliver(complaint_id=complaint.pk, now=now + timedelta(days=1))
    assert later.result == "skipped"


def test_a_send_that_fails_once_then_succeeds_is_sent(register_case) -> None:
    complaint = register_case()
    now = timezone.now()
    with override_settings(EMAIL_BACKEND=BROKEN):
        retry = acknowledgement_deliver(complaint_id=complaint.pk, now=now)
    assert retry.retry_at is not None
    assert acknowledgement_deliver(complaint_id=complaint.pk, now=retry.retry_at).result == "sent"
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(complaint=complaint).attempts == 2


def test_a_case_with_no_address_at_all_fails_visibly_at_once(register_case) -> None:
    complaint = register_case(email="", phone="")
    assert acknowledgement_deliver(complaint_id=complaint.pk).result == "failed"
    assert Delivery.objects.get(complaint=complaint).status == "failed"
    assert len(_events(complaint, "acknowledgement_failed")) == 1


def test_the_task_run_twice_sends_once(register_case) -> None:
    complaint = register_case(email="", phone="+421905111222")
    acknowledgement_send.call(complaint.pk)
    acknowledgement_send.call(complaint.pk)
    assert len(LocmemBackend.outbox) == 1
    assert len(_events(complaint, "acknowledgement_sent")) == 1


def test_an_attempt_in_flight_keeps_a_second_run_away_until_its_claim_lapses(
    register_case, settings
) -> None:
    complaint = register_case()
    now = timezone.now()
    # A worker claimed the delivery and died before recording the result.
    Delivery.objects.create(
        complaint=complaint,
        kind="acknowledgement",
        channel="email",
        to="ana@example.ro",
        attempts=1,
        next_attempt_at=now + CLAIM_PERIOD,
        created_at=now,
        updated_at=now,
    )
    assert acknowledgement_deliver(complaint_id=complaint.pk, now=now).result == "skipped"
    assert mail.outbox == []
    assert acknowledgements_due(now=now) == []
    assert acknowledgements_due(now=now + CLAIM_PERIOD) == [complaint.pk]


def test_the_task_queues_its_retry_for_when_it_is_due(register_case, settings) -> None:
    settings.EMAIL_BACKEND = BROKEN
    complaint = register_case()
    with override_settings(TASKS=DUMMY_TASKS):
        acknowledgement_send.call(complaint.pk)
        [queued] = acknowledgement_send.get_backend().results  # type: ignore[attr-defined]
    delivery = Delivery.objects.get(complaint=complaint)
    assert queued.args == [complaint.pk]
    assert queued.task.run_after == delivery.next_attempt_at
    assert delivery.next_attempt_at is not None


def test_the_sweep_attempts_deliveries_whose_task_was_lost(register_case) -> None:
    complaint = register_case()
    past = timezone.now() - timedelta(hours=1)
    Delivery.objects.create(
        complaint=complaint,
        kind="acknowledgement",
        channel="email",
        to="ana@example.ro",
        attempts=1,
        next_attempt_at=past,
        created_at=past,
        updated_at=past,
    )
    acknowledgements_sweep.call()
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(complaint=complaint).status == "sent"


def test_the_admin_shows_a_providers_staff_their_own_deliveries_read_only(
    register_case, bundled_providers, client
) -> None:
    for slug, language in (("pronet", "ro"), ("petrocomp", "sk")):
        acknowledgement_deliver(complaint_id=register_case(slug, language=language).pk)
    own = Delivery.objects.get(complaint__provider__slug="pronet")
    client.force_login(ProviderAdminFactory(provider=bundled_providers["pronet"]))
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert b"PN-2026-000001" in listing.content and b"PC-2026-000001" not in listing.content
    other = Delivery.objects.get(complaint__provider__slug="petrocomp")
    assert client.get(f"{CHANGELIST}{other.pk}/change/").status_code == 302
    page = client.get(f"{CHANGELIST}{own.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(f"{CHANGELIST}{own.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Delivery.objects.count() == 2


class SlowEmailBackend(locmem.EmailBackend):
    """A mail server that takes its time, so two runs overlap while one is sending."""

    def send_messages(self, messages: Any) -> int:
        time.sleep(0.3)
        return super().send_messages(messages)


def test_two_runs_at_the_same_time_send_once(sqlite_file_database, register_case, settings) -> None:
    settings.EMAIL_BACKEND = "reclamo.letters.tests.test_delivery.SlowEmailBackend"
    complaint = register_case()

    def run(_: int) -> str:
        try:
            return acknowledgement_deliver(complaint_id=complaint.pk).result
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(run, range(2)))
    assert results == ["sent", "skipped"]
    assert len(mail.outbox) == 1
    assert len(_events(complaint, "acknowledgement_sent")) == 1
