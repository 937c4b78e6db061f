"""API registrations per second behind `reclamo serve` on PostgreSQL (issue 10: ≥ 300/s on 2 cores).

    uv run python bench/bench_register_api.py [--seconds 20] [--connections 16] [--workers N]

Creates a fresh PostgreSQL database (`BENCH_DATABASE_URL`, default
postgres://postgres@127.0.0.1:5432/reclamo_bench — dropped and created again), starts
`reclamo serve --no-demo` on it (production settings, a free port, a temporary data directory,
no demo register writing beside the load, the acknowledgement of every case queued for the
task worker), issues an integration token for
pronet, then POSTs registrations — each with its own Idempotency-Key — from a second process:
`wrk` when installed (Debian package `wrk`), else Python threads. Prints registrations per
second, p50/p95 latency, and checks that every 201 is a case in the register with its
acknowledgement queued. `--profile` also profiles one registration in-process (cProfile) and
prints where its time goes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench"
PATH = "/api/v1/providers/pronet/complaints"
BODY = {
    "kind": "complaint",
    "category": "billing",
    "channel": "api",
    "received_at": "2026-11-20T15:30:00+02:00",
    "customer": {"name": "Ana Popescu", "email": "ana@example.ro", "language": "ro"},
    "subject": "Factura greșită",
    "body": "Am fost taxată de două ori în noiembrie.",
}
WRK_SCRIPT = """
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("prefix", tostring(threads))
end
local counter = 0
wrk.method = "POST"
wrk.body = [==[%(body)s]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(token)s"
wrk.headers["X-Forwarded-Proto"] = "https"
statuses = {}
request = function()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = "bench-" .. prefix .. "-" .. counter
  return wrk.format()
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.3f %%.3f %%d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _environment(url: str, data_dir: str, workers: int) -> dict[str, str]:
    # No --workers: `reclamo serve`'s own default (RECLAMO_WEB_WORKERS unset).
    chosen = {"RECLAMO_WEB_WORKERS": str(workers)} if workers else {}
    inherited = {k: v for k, v in os.environ.items() if k != "RECLAMO_WEB_WORKERS"}
    return {
        **inherited,
        **chosen,
        "DATABASE_URL": url,
        "RECLAMO_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "RECLAMO_SECRET_KEY": secrets.token_urlsafe(50),
        "RECLAMO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "RECLAMO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def _wait_healthy(port: int, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        if server.poll() is not None:
            raise SystemExit(f"reclamo serve exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("reclamo serve did not become healthy")


def _load_with_wrk(
    port: int, token: str, seconds: int, connections: int
) -> tuple[int, float, float, float, int]:
    script = WRK_SCRIPT % {"body": json.dumps(BODY), "token": token}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    wrk = shutil.which("wrk") or "wrk"
    output = subprocess.run(  # noqa: S603 - fixed argv
        [
            wrk,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            file.name,
            f"http://127.0.0.1:{port}{PATH}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(file.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    requests, duration_us, p50, p95, non_2xx = line.split()[1:]
    return int(requests), int(duration_us) / 1e6, float(p50), float(p95), int(non_2xx)


def _load_with_threads(
    port: int, token: str, seconds: int, connections: int
) -> tuple[int, float, float, float, int]:
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    body = json.dumps(BODY).encode()

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        sent = 0
        while time.monotonic() < stop_at:
            sent += 1
            headers = {
                "Content-Type": "application/json",
                "Authorization": f"Bearer {token}",
                "X-Forwarded-Proto": "https",
                "Idempotency-Key": f"bench-{number}-{sent}",
            }
            started = time.perf_counter()
            connection.request("POST", PATH, body, headers)
            response = connection.getresponse()
            response.read()
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                failures[0] += response.status != 201

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return (
        len(latencies),
        time.monotonic() - started,
        statistics.median(latencies),
        latencies[int(len(latencies) * 0.95)],
        failures[0],
    )


def _count(url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(url) as connection:
        cases = connection.execute("SELECT count(*) FROM complaints_complaint").fetchone()
        tasks = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path LIKE '%%acknowledgement%%'"
        ).fetchone()
    return int(cases[0] if cases else 0), int(tasks[0] if tasks else 0)


def _profile(env: dict[str, str], token: str) -> None:
    """One registration in-process under cProfile, after warm-up: the top of the profile."""
    code = f"""
import cProfile, json, pstats, django
django.setup()
from django.test import Client
client = Client(headers={{"Authorization": "Bearer {token}", "X-Forwarded-Proto": "https"}})
body = {json.dumps(json.dumps(BODY))}
def once(n):
    return client.post("{PATH}", body, content_type="application/json",
                       headers={{"Idempotency-Key": f"profile-{{n}}"}}, SERVER_NAME="localhost")
for n in range(50):
    assert once(n).status_code == 201
profile = cProfile.Profile()
profile.enable()
for n in range(50, 250):
    once(n)
profile.disable()
stats = pstats.Stats(profile)
stats.sort_stats("tottime").print_stats(20)
stats.sort_stats("cumulative").print_stats("reclamo/", 25)
"""
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (default: reclamo serve's)"
    )
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    _fresh_database(url)
    data_dir = tempfile.mkdtemp(prefix="reclamo-bench-api-")
    env = _environment(url, data_dir, options.workers)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "reclamo", "serve", "--port", str(port), "--no-demo"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_healthy(port, server)
        token = subprocess.run(
            [sys.executable, "-m", "reclamo", "issue_api_token", "pronet"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        cases_before, _ = _count(url)
        load = _load_with_wrk if shutil.which("wrk") else _load_with_threads
        requests, duration, p50, p95, failed = load(
            port, token, options.seconds, options.connections
        )
        cases, acknowledgements = _count(url)
        print(
            f"{load.__name__[11:]}: {requests} registrations in {duration:.1f} s "
            f"({options.connections} connections, "
            f"{options.workers or 'default'} gunicorn workers; load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}): "
            f"{requests / duration:.0f}/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"{failed} not 201"
        )
        print(
            f"register: {cases - cases_before} new cases, {acknowledgements} acknowledgements "
            f"queued or sent"
        )
        if options.profile:
            _profile(env, token)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
