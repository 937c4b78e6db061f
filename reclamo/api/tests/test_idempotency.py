"""Idempotency-Key: a repeat answers the first result, a reused key is a 409, keys sent at the
same moment register once — on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from reclamo.api import idempotency
from reclamo.api.tasks import idempotency_keys_purge
from reclamo.api.tests.conftest import Integration, submission
from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.complaints.services import intake_record_open, intake_record_reclaim
from reclamo.providers.models import Provider
from reclamo.providers.services import bundled_policies_load


def test_a_repeat_answers_the_first_result_and_registers_once(pronet: Integration) -> None:
    first = pronet.register(submission(), key="order-1")
    # The same body with its keys in another order and other spacing is the same request.
    reordered = json.dumps(dict(reversed(list(submission().items()))), indent=2)
    again = pronet.register(reordered, key="order-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Complaint.objects.count() == 1 and IntakeRecord.objects.count() == 1


@pytest.mark.rule("PC-2")
def test_a_repeated_refusal_answers_the_same_422(petrocomp: Integration) -> None:
    first = petrocomp.register(submission(channel="email"), key="k")
    again = petrocomp.register(submission(channel="email"), key="k")
    assert first.status_code == again.status_code == 422
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert IntakeRecord.objects.count() == 1


def test_the_same_key_with_another_body_is_a_409(pronet: Integration) -> None:
    assert pronet.register(submission(), key="order-1").status_code == 201
    reused = pronet.register(submission(subject="Another matter"), key="order-1")
    assert reused.status_code == 409
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    assert Complaint.objects.count() == 1
    kept = IntakeRecord.objects.get(idempotency_key=None)
    assert (kept.outcome, kept.reason_code) == ("refused", "idempotency_key_reused")
    assert kept.payload == submission(subject="Another matter") and kept.response_status == 409


def test_keys_are_scoped_to_the_provider(pronet: Integration, unitel: Integration) -> None:
    assert pronet.register(submission(), key="shared").status_code == 201
    theirs = unitel.register(
        submission(received_at="2026-11-20T15:30:00+01:00", channel="api"), key="shared"
    )
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "tab\there"])
def test_a_malformed_key_is_a_422_and_the_submission_is_kept(pronet: Integration, key: str) -> None:
    response = pronet.register(submission(), key=key)
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["field"]) == ("invalid_idempotency_key", "Idempotency-Key")
    record = IntakeRecord.objects.get()
    assert record.idempotency_key is None and record.response_status == 422
    assert not Complaint.objects.exists()


def test_a_repeat_while_the_first_is_processed_waits_then_answers_409_with_retry_after(
    pronet: Integration, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = submission()
    IntakeRecord.objects.create(
        provider=pronet.provider,
        channel="api",
        received_at="2026-11-20T13:30:00Z",
        idempotency_key="busy",
        request_fingerprint=idempotency.request_fingerprint(body, b""),
    )
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.2)
    response = pronet.register(body, key="busy")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_in_progress"
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db(transaction=True)
def test_a_repeat_while_the_first_is_processed_answers_its_result(sqlite_file_database) -> None:  # type: ignore[no-untyped-def]
    """The waiting repeat polls the first request's record until its answer is committed."""
    bundled_policies_load()
    provider = Provider.objects.get(slug="pronet")
    record = IntakeRecord.objects.create(
        provider=provider,
        channel="api",
        received_at="2026-11-20T13:30:00Z",
        idempotency_key="slow",
        request_fingerprint="f" * 64,
    )

    def finish() -> None:
        IntakeRecord.objects.filter(pk=record.pk).update(
            response_status=201, response_body={"number": "PN-2026-000001"}
        )
        connections.close_all()

    timer = threading.Timer(0.3, finish)
    timer.start()
    answer = idempotency.first_answer(provider=provider, key="slow", fingerprint="f" * 64)
    timer.join()
    assert answer == idempotency.StoredAnswer(201, {"number": "PN-2026-000001"})


def _same_key_at_once(threads: int) -> list[tuple[int, Any, str | None]]:
    provider = Provider.objects.get(slug="pronet")
    integration = Integration(provider)
    start = threading.Barrier(threads)
    answers: list[tuple[int, Any, str | None]] = []
    lock = threading.Lock()

    def send() -> None:
        try:
            client = Client(headers={"Authorization": f"Bearer {integration.token}"})
            start.wait()
            response = client.post(
                f"/api/v1/providers/{provider.slug}/complaints",
                json.dumps(submission()),
                content_type="application/json",
                headers={"Idempotency-Key": "same-moment"},
            )
            with lock:
                answers.append(
                    (response.status_code, response.json(), response.get("Idempotent-Replayed"))
                )
        finally:
            connections.close_all()

    workers = [threading.Thread(target=send) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return answers


def _assert_registered_once(answers: list[tuple[int, Any, str | None]]) -> None:
    assert len(answers) == 8
    assert {status for status, _, _ in answers} == {201}
    bodies = [body for _, body, _ in answers]
    assert all(body == bodies[0] for body in bodies)
    assert sorted(replayed or "" for _, _, replayed in answers) == [""] + ["true"] * 7
    assert Complaint.objects.count() == 1
    assert IntakeRecord.objects.filter(idempotency_key="same-moment").count() == 1


@pytest.mark.django_db(transaction=True)
def test_eight_requests_with_one_key_at_once_on_sqlite_register_once(sqlite_file_database) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of this test; this run uses " + connection.vendor)
    bundled_policies_load()
    _assert_registered_once(_same_key_at_once(8))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_requests_with_one_key_at_once_on_postgresql_register_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    bundled_policies_load()
    _assert_registered_once(_same_key_at_once(8))


def _crashed_first_request(provider: Provider, key: str, body: dict[str, Any], age: float) -> int:
    """What a request killed between storing its submission and answering leaves behind: the
    intake record with the key, no outcome and no answer, claimed ``age`` seconds ago."""
    record = intake_record_open(
        provider=provider,
        channel="api",
        received_at=timezone.now(),
        payload=body,
        idempotency_key=key,
        request_fingerprint=idempotency.request_fingerprint(body, b""),
    )
    IntakeRecord.objects.filter(pk=record.pk).update(
        updated_at=timezone.now() - timedelta(seconds=age)
    )
    return record.pk


def test_a_key_whose_first_request_died_is_taken_over_after_the_bound(
    pronet: Integration, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.RECLAMO_IDEMPOTENCY_STALE_AFTER = timedelta(seconds=60)
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.1)
    body = submission()
    crashed = _crashed_first_request(pronet.provider, "crash", body, age=30)
    # Within the bound the first request may still be alive: the repeat waits, then 409.
    assert pronet.register(body, key="crash").status_code == 409
    # Past it, the same key with another body is still someone else's request.
    IntakeRecord.objects.filter(pk=crashed).update(
        updated_at=timezone.now() - timedelta(seconds=61)
    )
    assert pronet.register(submission(subject="Other"), key="crash").status_code == 409
    # The same key and body takes the submission over and registers it, once.
    taken = pronet.register(body, key="crash")
    assert taken.status_code == 201, taken.content
    assert "Idempotent-Replayed" not in taken
    record = IntakeRecord.objects.get(pk=crashed)
    assert record.outcome == "registered" and record.response_status == 201
    assert record.complaint is not None and record.complaint.number == taken.json()["number"]
    again = pronet.register(body, key="crash")
    assert again.json() == taken.json() and again["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1


def test_a_dead_requests_record_is_taken_over_by_one_caller_only(pronet: Integration) -> None:
    """The conditional UPDATE renews the claim: a second caller with the same bound finds it
    fresh and gets nothing."""
    crashed = _crashed_first_request(pronet.provider, "crash", submission(), age=120)
    stale_before = timezone.now() - timedelta(seconds=60)
    assert intake_record_reclaim(intake_id=crashed, stale_before=stale_before)
    assert not intake_record_reclaim(intake_id=crashed, stale_before=stale_before)
    # An answered record is never taken over, however old.
    IntakeRecord.objects.filter(pk=crashed).update(
        response_status=201, updated_at=timezone.now() - timedelta(days=1)
    )
    assert not intake_record_reclaim(intake_id=crashed, stale_before=stale_before)


def _dead_key_repeated_at_once(threads: int) -> list[tuple[int, Any, str | None]]:
    provider = Provider.objects.get(slug="pronet")
    _crashed_first_request(provider, "same-moment", submission(), age=120)
    return _same_key_at_once(threads)


@pytest.mark.django_db(transaction=True)
def test_eight_repeats_of_a_dead_key_at_once_on_sqlite_register_once(sqlite_file_database) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of this test; this run uses " + connection.vendor)
    bundled_policies_load()
    _assert_registered_once(_dead_key_repeated_at_once(8))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_repeats_of_a_dead_key_at_once_on_postgresql_register_once() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    bundled_policies_load()
    _assert_registered_once(_dead_key_repeated_at_once(8))


def test_old_keys_and_stored_answers_are_purged_and_the_intake_log_stays(
    pronet: Integration, settings: Any
) -> None:
    settings.RECLAMO_IDEMPOTENCY_KEY_RETENTION = timedelta(days=30)
    old = pronet.register(submission(), key="old")
    refused = pronet.register(submission(channel="nowhere"))  # keyless, its answer is stored
    assert (old.status_code, refused.status_code) == (201, 422)
    IntakeRecord.objects.update(created_at=timezone.now() - timedelta(days=31))
    recent = pronet.register(submission(received_at="2026-11-21T10:00:00+02:00"), key="recent")
    assert recent.status_code == 201
    result = idempotency_keys_purge.enqueue()  # the immediate backend in tests
    assert result.return_value == "2 intake records cleared of their key and stored answer"
    records = {r.pk: r for r in IntakeRecord.objects.all()}
    assert len(records) == 3 and Complaint.objects.count() == 2
    kept = IntakeRecord.objects.get(idempotency_key="recent")
    assert kept.response_body == recent.json()
    for record in records.values():
        if record.pk != kept.pk:
            assert record.idempotency_key is None and record.response_body is None
            assert record.response_status in {201, 422}
            assert record.outcome in {"registered", "failed"}
    # The freed key registers anew; the purge is idempotent.
    assert pronet.register(submission(), key="old").status_code == 201
    assert str(idempotency_keys_purge.enqueue().return_value).startswith("0 ")
