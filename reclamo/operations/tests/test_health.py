from __future__ import annotations

import pytest
from django.db import DatabaseError

from reclamo.operations import selectors
from reclamo.operations.services import worker_heartbeat_record


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_is_reachable(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker_last_seen": None}


@pytest.mark.django_db
def test_healthz_reports_when_a_worker_last_ran(client) -> None:
    seen = worker_heartbeat_record()
    assert client.get("/healthz").json()["worker_last_seen"] == seen.isoformat()


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_not_reachable(client, monkeypatch) -> None:
    class BrokenConnection:
        def cursor(self) -> None:
            raise DatabaseError("connection refused\nmore detail")

    monkeypatch.setattr(selectors, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "connection refused"
