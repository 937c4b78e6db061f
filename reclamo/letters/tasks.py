"""Durable background work for letters and notifications; each task only calls a service."""

from __future__ import annotations

from datetime import datetime

from django.db import router, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from reclamo.complaints.models import Complaint
from reclamo.letters.services import acknowledgement_deliver, acknowledgements_due


@task()
def acknowledgement_send(complaint_id: int) -> str:
    """Send a newly registered case's acknowledgement (number and deadlines) to the customer;
    after a failed attempt, queue the next one for when it is due."""
    outcome = acknowledgement_deliver(complaint_id=complaint_id)
    if outcome.retry_at is not None:
        _retry_later(complaint_id, outcome.retry_at)
    return f"{outcome.result}: {outcome.detail}"


@task()
def acknowledgements_sweep() -> str:
    """Attempt every acknowledgement whose attempt is due but whose task is gone (a lost retry,
    a worker that died mid-send)."""
    due = acknowledgements_due(now=timezone.now())
    for complaint_id in due:
        acknowledgement_send.call(complaint_id)
    return f"{len(due)} acknowledgements attempted"


def acknowledgement_queue(complaint_id: int) -> None:
    """Queue the acknowledgement of a case the current transaction registers.

    With the database queue (django-tasks-db) the task's row is inserted in the registering
    transaction itself: it commits with the case or not at all, so it is exactly as durable as
    the case, and the registration pays one commit instead of two. With any other backend the
    task is queued after commit (a queue outside the database cannot join the transaction, and
    a task must never run for a case that was rolled back).
    """
    if _joins_transaction(acknowledgement_send.get_backend()):
        acknowledgement_send.enqueue(complaint_id)
    else:
        transaction.on_commit(lambda: acknowledgement_send.enqueue(complaint_id))


def _joins_transaction(backend: object) -> bool:
    if not isinstance(backend, DatabaseBackend):
        return False
    alias = router.db_for_write(DBTaskResult)
    return transaction.get_connection(alias).in_atomic_block and alias == router.db_for_write(
        Complaint
    )


def _retry_later(complaint_id: int, at: datetime) -> None:
    # django-tasks has no retries: the task queues itself again with run_after. A backend that
    # cannot defer (the immediate one, in tests) would run it at once, so nothing is queued and
    # the sweep picks the delivery up when it is due.
    if acknowledgement_send.get_backend().supports_defer:
        acknowledgement_send.using(run_after=at).enqueue(complaint_id)
