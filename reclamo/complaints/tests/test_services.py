"""Registering a case: the decision under the policy in force, the number, one row per deadline,
the audit event, the intake log, and the acknowledgement after commit."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint, ComplaintEvent, IntakeRecord
from reclamo.complaints.services import (
    CustomerContact,
    Submission,
    complaint_register,
    intake_record_open,
)
from reclamo.domain.deadlines import CaseFacts
from reclamo.errors import ApplicationError
from reclamo.letters.tasks import acknowledgement_send

RECEIVED = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)  # 15:30 in Bucharest, 14:30 in Bratislava


def _register(provider, *, channel="api", kind="complaint", received_at=RECEIVED, **facts):  # type: ignore[no-untyped-def]
    intake = intake_record_open(
        provider=provider, channel=channel, received_at=received_at, payload={"test": True}
    )
    submission = Submission(
        facts=CaseFacts(kind=kind, channel=channel, received_at=received_at, **facts),
        customer=CustomerContact(name="Ana Popescu", email="ana@example.ro", language="ro"),
        subject="Factura greșită",
        body="Am fost taxată de două ori.",
    )
    return intake, complaint_register(
        provider=provider, submission=submission, actor=Actor.integration("rcl_test"), intake=intake
    )


@pytest.mark.rule("PN-5", "T-6")
def test_a_registered_case_keeps_its_deadlines_as_rows_and_its_policy_version(
    bundled_providers, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        intake, registration = _register(bundled_providers["pronet"], category="billing")
    complaint = Complaint.objects.get(pk=registration.complaint.pk)
    assert complaint.number == "PN-2026-000001"
    assert complaint.policy_version.provider.slug == "pronet"
    rows = {row.clock: row for row in complaint.deadlines.all()}
    decided = {d.clock: d for d in registration.decision.deadlines}
    assert set(rows) == set(decided) and rows
    for clock, deadline in decided.items():
        assert rows[clock].due_at == deadline.due_at
        assert rows[clock].rule == deadline.rule
        assert rows[clock].counted_from == deadline.basis.counted_from
    intake.refresh_from_db()
    assert intake.outcome == "registered" and intake.complaint_id == complaint.pk
    event = ComplaintEvent.objects.get(complaint=complaint, type="registered")
    assert event.actor_type == "integration"
    assert event.data["after"]["number"] == complaint.number


def test_numbers_follow_each_other_per_provider_and_year(bundled_providers) -> None:
    _, first = _register(bundled_providers["pronet"])
    _, second = _register(bundled_providers["pronet"])
    _, other = _register(bundled_providers["unitel"], channel="api")
    assert (first.complaint.sequence, second.complaint.sequence) == (1, 2)
    assert other.complaint.sequence == 1
    assert (first.complaint.number, other.complaint.number) == ("PN-2026-000001", "UN-2026-000001")


@pytest.mark.rule("PC-2")
def test_a_refused_channel_is_kept_in_the_intake_log_and_registers_nothing(
    bundled_providers,
) -> None:
    with pytest.raises(ApplicationError) as refused:
        _register(bundled_providers["petrocomp"], channel="email")
    assert refused.value.code == "channel_not_accepted" and refused.value.status == 422
    record = IntakeRecord.objects.get()
    assert record.outcome == "refused" and record.reason_code == "channel_not_accepted"
    assert record.payload == {"test": True}
    assert not Complaint.objects.exists()


def test_a_receipt_before_the_first_procedure_is_refused_and_logged(bundled_providers) -> None:
    with pytest.raises(ApplicationError) as refused:
        _register(bundled_providers["pronet"], received_at=datetime(1999, 1, 4, tzinfo=UTC))
    assert refused.value.code in {"no_policy_in_force", "out_of_range"}
    assert IntakeRecord.objects.get().outcome == "failed"
    assert not Complaint.objects.exists()


def test_facts_that_cannot_be_read_fail_with_the_domain_code(bundled_providers) -> None:
    with pytest.raises(ApplicationError) as failed:
        _register(bundled_providers["pronet"], fault_started_at=datetime(2026, 11, 21, tzinfo=UTC))
    assert failed.value.code == "after_received" and failed.value.status == 422
    assert IntakeRecord.objects.get().reason_code == "after_received"


def test_the_acknowledgement_leaves_after_commit_in_the_customers_language(
    bundled_providers, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _, registration = _register(bundled_providers["pronet"])
    assert len(mail.outbox) == 0 and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.ro"]
    assert registration.complaint.number in message.subject
    resolution = registration.complaint.deadlines.get(clock="resolution")
    assert resolution.rule in message.body


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_with_the_database_queue_the_acknowledgement_task_joins_the_registering_transaction(
    bundled_providers, django_capture_on_commit_callbacks, settings
) -> None:
    """One commit per registration: the task's row is written before the commit, not after."""
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _, registration = _register(bundled_providers["pronet"])
    assert callbacks == []
    task = DBTaskResult.objects.get(task_path="reclamo.letters.tasks.acknowledgement_send")
    assert task.args_kwargs == {"args": [registration.complaint.pk], "kwargs": {}}


@pytest.mark.parametrize(
    "tasks",
    [DATABASE_TASKS, {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}],
    ids=["database queue", "other queue"],
)
def test_a_registration_rolled_back_queues_no_acknowledgement(
    bundled_providers, django_capture_on_commit_callbacks, settings, tasks
) -> None:
    settings.TASKS = tasks

    def broken_answer(registration: Any) -> dict[str, Any]:
        raise RuntimeError("the answer could not be built")

    intake = intake_record_open(
        provider=bundled_providers["pronet"], channel="api", received_at=RECEIVED, payload={}
    )
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        complaint_register(
            provider=bundled_providers["pronet"],
            submission=Submission(
                facts=CaseFacts(kind="complaint", channel="api", received_at=RECEIVED),
                customer=CustomerContact(name="Ana Popescu", email="ana@example.ro"),
                subject="Factura greșită",
                body="Am fost taxată de două ori.",
            ),
            actor=Actor.integration("rcl_test"),
            intake=intake,
            answer=broken_answer,
        )
    assert not Complaint.objects.exists() and not DBTaskResult.objects.exists()
    if "dummy" in tasks["default"]["BACKEND"]:
        assert acknowledgement_send.get_backend().results == []  # type: ignore[attr-defined]
