from __future__ import annotations

from django_tasks import task

from reclamo.operations.services import worker_heartbeat_record


@task()
def worker_heartbeat() -> str:
    """Proves end to end that queued work is picked up: the worker records that it ran."""
    return worker_heartbeat_record().isoformat()
