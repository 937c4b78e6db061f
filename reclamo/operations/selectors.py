from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, connection

from reclamo.operations.models import WorkerHeartbeat


@dataclass(frozen=True)
class Health:
    database_ok: bool
    database_error: str
    worker_seen_at: datetime | None


def health_status() -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        beat = WorkerHeartbeat.objects.filter(name="default").first()
    except DatabaseError as error:
        return Health(
            database_ok=False, database_error=str(error).splitlines()[0], worker_seen_at=None
        )
    return Health(
        database_ok=True, database_error="", worker_seen_at=beat.seen_at if beat else None
    )
