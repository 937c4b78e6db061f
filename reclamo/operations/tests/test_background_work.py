"""Background work is durable: a queued task survives in the database until a worker runs it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from reclamo.operations.models import WorkerHeartbeat
from reclamo.operations.tasks import worker_heartbeat

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_a_queued_task_is_stored_and_run_by_the_worker() -> None:
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE_TASKS):
        result = worker_heartbeat.enqueue()
        assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
        assert not WorkerHeartbeat.objects.exists()

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

        assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
        assert WorkerHeartbeat.objects.get(name="default").seen_at is not None
