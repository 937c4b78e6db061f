"""Web-form submissions per second behind `reclamo serve` (issue 11).

    uv run python bench/bench_web_form.py [--seconds 20] [--connections 8] [--workers 2] [--sqlite]

Starts `reclamo serve` (production settings, a free port, a temporary data directory) on a fresh
PostgreSQL database (`BENCH_DATABASE_URL`, default
postgres://postgres@127.0.0.1:5432/reclamo_bench_web_form — dropped and created again), or on
the embedded SQLite database with `--sqlite`. Python threads then send the public complaint form
of pronet as a browser does (CSRF cookie and token, multipart body, a fresh form token each time)
for `--seconds`. Each client gets its own address through X-Forwarded-For (one trusted proxy),
as many customers would, so the per-address rate limit does not refuse them. Counts a submission
when it is answered with the redirect to its confirmation (303); prints submissions per second,
p50/p95 latency, and checks that each one is a case in the register.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register_api import _free_port, _fresh_database, _wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/reclamo_bench_web_form"
PATH = "/ro/p/pronet/complaint/"
FIELDS = {
    "kind": "complaint",
    "category": "billing",
    "name": "Ana Popescu",
    "email": "ana@example.ro",
    "phone": "0721 234 567",
    "subject": "Factură dublă",
    "body": "Am fost facturată de două ori pentru luna octombrie.",
    "website": "",
}


def _environment(url: str | None, data_dir: str, workers: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "RECLAMO_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "RECLAMO_SECRET_KEY": secrets.token_urlsafe(50),
            "RECLAMO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RECLAMO_WEB_WORKERS": str(workers),
            "RECLAMO_TRUSTED_PROXY_COUNT": "1",
            "RECLAMO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    if url is not None:
        env["DATABASE_URL"] = url
    return env


def _csrf(port: int) -> tuple[str, str]:
    """The CSRF cookie and the form's token, as a browser gets them with the page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", PATH, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    page = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert cookie is not None and token is not None, "no CSRF cookie or token on the form"
    return cookie.group(1), token.group(1)


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), boundary


def _load(port: int, seconds: int, connections: int) -> tuple[int, float, float, float, int]:
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    origin = f"https://127.0.0.1:{port}"

    def client(number: int, stop_at: float, cookie: str, csrf: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = 0
        while time.monotonic() < stop_at:
            sent += 1
            fields = {**FIELDS, "csrfmiddlewaretoken": csrf, "form_token": uuid.uuid4().hex}
            body, boundary = _multipart(fields)
            headers = {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": f"csrftoken={cookie}",
                "Origin": origin,
                "Referer": origin + PATH,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"10.{number}.{sent // 250 % 250}.{sent % 250 + 1}",
            }
            started = time.perf_counter()
            connection.request("POST", PATH, body, headers)
            response = connection.getresponse()
            response.read()
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                failures[0] += response.status != 303

    tokens = [_csrf(port) for _ in range(connections)]
    started = time.monotonic()
    stop_at = started + seconds
    threads = [
        threading.Thread(target=client, args=(n, stop_at, *tokens[n])) for n in range(connections)
    ]
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


def _cases(url: str | None, data_dir: str) -> int:
    query = "SELECT count(*) FROM complaints_complaint WHERE channel = 'web'"
    if url is None:
        with sqlite3.connect(Path(data_dir) / "reclamo.sqlite3") as connection:
            return int(connection.execute(query).fetchone()[0])
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute(query).fetchone()
    return int(row[0] if row else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--sqlite", action="store_true", help="the embedded SQLite database")
    options = parser.parse_args()
    url = None if options.sqlite else os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if url is not None:
        _fresh_database(url)
    data_dir = tempfile.mkdtemp(prefix="reclamo-bench-web-form-")
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
        _wait_healthy(port, server, timeout=300)
        requests, duration, p50, p95, failed = _load(port, options.seconds, options.connections)
        cases = _cases(url, data_dir)
        database = "SQLite" if url is None else "PostgreSQL"
        print(
            f"web form ({database}): {requests} submissions in {duration:.1f} s "
            f"({options.connections} connections, {options.workers} gunicorn workers): "
            f"{requests / duration:.0f}/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"{failed} not 303"
        )
        print(f"register: {cases} cases from the web form")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
