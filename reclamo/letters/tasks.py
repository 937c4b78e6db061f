"""Durable background work for letters and notifications; each task only calls a service."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django_tasks import task

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


def _retry_later(complaint_id: int, at: datetime) -> None:
    # django-tasks has no retries: the task queues itself again with run_after. A backend that
    # cannot defer (the immediate one, in tests) would run it at once, so nothing is queued and
    # the sweep picks the delivery up when it is due.
    if acknowledgement_send.get_backend().supports_defer:
        acknowledgement_send.using(run_after=at).enqueue(complaint_id)
