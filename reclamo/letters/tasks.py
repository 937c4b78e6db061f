"""Durable background work for letters and notifications; each task only calls a service."""

from __future__ import annotations

from django_tasks import task

from reclamo.letters.services import acknowledgement_deliver


@task()
def acknowledgement_send(complaint_id: int) -> str:
    """Send a newly registered case's acknowledgement (number and deadlines) to the customer."""
    return acknowledgement_deliver(complaint_id=complaint_id)
