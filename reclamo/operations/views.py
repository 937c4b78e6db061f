from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from reclamo.operations.selectors import health_status


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers and probes)."""
    health = health_status()
    body = {
        "status": "ok" if health.database_ok else "unavailable",
        "database": "ok" if health.database_ok else health.database_error,
        "worker_last_seen": health.worker_seen_at.isoformat() if health.worker_seen_at else None,
    }
    return JsonResponse(body, status=200 if health.database_ok else 503)
