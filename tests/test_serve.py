"""`reclamo serve` keeps the installation up: a crashed child is restarted with back-off."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from reclamo.operations.management.commands.serve import restart_delay
from tests.serving import Served, serve_start, serve_stop

pytestmark = pytest.mark.slow


def test_the_pause_before_a_restart_doubles_from_one_second_to_a_minute() -> None:
    assert [restart_delay(n) for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def _children(served: Served) -> dict[str, int]:
    """The serve process's children by role: "worker" (db_worker) and "web" (gunicorn)."""
    pids = subprocess.run(
        ["pgrep", "-P", str(served.process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    roles = {}
    for pid in pids:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            continue  # exited between pgrep and here
        roles["worker" if "db_worker" in command else "web"] = int(pid)
    return roles


def _wait_for_new(served: Served, role: str, old: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = _children(served).get(role)
        if pid is not None and pid != old:
            return pid
        assert served.process.poll() is None, "serve stopped instead of restarting its child"
        time.sleep(0.2)
    raise AssertionError(f"no new {role} process within {timeout} s")


def _home_answers(served: Served, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(served.url + "/en/", timeout=5) as response:  # noqa: S310
                assert response.status == 200
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    instance = serve_start(tmp_path, extra_env={"RECLAMO_WEB_WORKERS": "1"})
    yield instance
    serve_stop(instance.process)


def test_a_killed_task_worker_and_web_server_come_back_and_the_site_keeps_answering(
    served: Served,
) -> None:
    first = _children(served)
    assert set(first) == {"web", "worker"}, first
    # Web requests go first: the task worker runs at a lower CPU priority.
    web, worker = (os.getpriority(os.PRIO_PROCESS, first[role]) for role in ("web", "worker"))
    assert worker == min(19, web + 10)

    subprocess.run(["kill", "-KILL", str(first["worker"])], check=True)
    _home_answers(served)  # the web server does not notice the worker's crash
    second = _wait_for_new(served, "worker", first["worker"])
    # Killed again at once: the pause doubles.
    subprocess.run(["kill", "-KILL", str(second)], check=True)
    _wait_for_new(served, "worker", second)

    subprocess.run(["kill", "-KILL", str(first["web"])], check=True)
    _wait_for_new(served, "web", first["web"])
    _home_answers(served)
    assert served.process.poll() is None

    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=30) == 0
    output = serve_stop(served.process)
    assert "task worker 1 exited with code -9; restarting in 1 s" in output
    assert "task worker 1 exited with code -9; restarting in 2 s" in output
    assert "web server exited with code -9; restarting in 1 s" in output
    assert "Reclamo stopped." in output
