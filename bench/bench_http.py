"""Median server time of Reclamo's public endpoints, in-process (no network), one core.

    uv run python bench/bench_http.py

Runs against a fresh SQLite database in a temporary directory with the bundled providers loaded,
through Django's full request stack (middleware, URL routing, views, JSON/HTML rendering).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUESTS = 400
WARM_UP = 30


def _setup() -> None:
    data = tempfile.mkdtemp(prefix="reclamo-bench-")
    os.environ["RECLAMO_DATA_DIR"] = data
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from reclamo.providers.services import bundled_policies_load

    bundled_policies_load()


def _measure(label: str, call) -> None:  # type: ignore[no-untyped-def]
    for _ in range(WARM_UP):
        call()
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = call()
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:500]
    samples.sort()
    median = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95)] * 1000
    print(f"{label:<58} median {median:6.2f} ms   p95 {p95:6.2f} ms   ({REQUESTS} requests)")


def main() -> None:
    _setup()
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en", SERVER_NAME="localhost")
    body = json.dumps(
        {
            "kind": "complaint",
            "category": "quality",
            "channel": "letter",
            "received_at": "2026-11-20T10:00:00+01:00",
            "complexity": "technical",
            "defect_discovered_at": "2026-11-20",
        }
    )
    pronet = json.dumps(
        {
            "kind": "complaint",
            "category": "quality",
            "channel": "web",
            "received_at": "2026-11-20T18:30:00Z",
        }
    )

    def preview(slug: str, payload: str):  # type: ignore[no-untyped-def]
        return lambda: client.post(
            f"/api/v1/providers/{slug}/deadline-preview", payload, content_type="application/json"
        )

    _measure("POST deadline-preview (petrocomp, PC-11/12/13)", preview("petrocomp", body))
    _measure("POST deadline-preview (pronet, PN-6 working hours)", preview("pronet", pronet))
    _measure("GET /healthz", lambda: client.get("/healthz"))
    _measure("GET /en/ (home, provider list)", lambda: client.get("/en/"))
    _measure("GET /sk/p/petrocomp/ (contact page)", lambda: client.get("/sk/p/petrocomp/"))


if __name__ == "__main__":
    main()
