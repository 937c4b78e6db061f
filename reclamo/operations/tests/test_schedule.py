"""Periodic jobs are queued when due, once per interval, whoever asks (reclamo/operations)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from reclamo.operations.models import PeriodicRun
from reclamo.operations.schedule import PERIODIC_JOBS, PeriodicJob
from reclamo.operations.services import periodic_jobs_queue
from reclamo.operations.tasks import worker_heartbeat

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
JOB = PeriodicJob("heartbeat", worker_heartbeat, timedelta(minutes=5))


def queued_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="READY").count()


@pytest.mark.django_db
def test_a_job_is_queued_at_once_then_again_only_after_its_interval() -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        assert periodic_jobs_queue(now=T0, jobs=[JOB]) == ["heartbeat"]
        assert periodic_jobs_queue(now=T0 + timedelta(minutes=4, seconds=59), jobs=[JOB]) == []
        assert queued_tasks() == 1
        assert periodic_jobs_queue(now=T0 + timedelta(minutes=5), jobs=[JOB]) == ["heartbeat"]
        assert queued_tasks() == 2
    assert PeriodicRun.objects.get(name="heartbeat").queued_at == T0 + timedelta(minutes=5)


@pytest.mark.django_db
def test_a_schedule_that_was_down_for_hours_queues_one_run_not_one_per_missed_interval() -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        periodic_jobs_queue(now=T0, jobs=[JOB])
        assert periodic_jobs_queue(now=T0 + timedelta(hours=7), jobs=[JOB]) == ["heartbeat"]
        assert queued_tasks() == 2


@pytest.mark.django_db(transaction=True)
def test_two_supervisors_at_once_queue_a_due_job_once(sqlite_file_database: None) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the claim is tested on PostgreSQL")
    with override_settings(TASKS=DATABASE_TASKS):
        periodic_jobs_queue(now=T0, jobs=[JOB])
        barrier = threading.Barrier(4)
        results: list[list[str]] = []

        def supervisor() -> None:
            from django.db import connections

            barrier.wait()
            try:
                results.append(periodic_jobs_queue(now=T0 + timedelta(minutes=6), jobs=[JOB]))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=supervisor) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(map(len, results)) == [0, 0, 0, 1]
        assert queued_tasks() == 2


@pytest.mark.django_db
def test_run_schedule_once_queues_the_installations_jobs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        call_command("run_schedule", once=True)
    printed = capsys.readouterr().out
    for job in PERIODIC_JOBS:
        assert f"Queued {job.name}." in printed
    assert PeriodicRun.objects.count() == len(PERIODIC_JOBS)
