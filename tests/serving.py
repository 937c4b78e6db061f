"""Run a real `reclamo serve` on a free port for a test, and stop it with everything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    data_dir: Path | None


def _wait_until_up(url: str, process: subprocess.Popen[str], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"reclamo serve exited early:\n{_output(process)}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("reclamo serve did not answer /healthz in time")


def serve_start(
    data_dir: Path | None,
    database_url: str | None = None,
    *,
    command: Sequence[str] = (sys.executable, "-m", "reclamo"),
    cwd: Path | None = None,
    extra_env: Mapping[str, str] | None = None,
    timeout: float = 240,
) -> Served:
    """Start `reclamo serve` exactly as the README runs it: on a fresh embedded SQLite database,
    or on `database_url` where given. `command` is how `reclamo` is run (an installed script);
    without `data_dir` the installation's default data directory is used."""
    port = free_port()
    # The suite's own settings and environment must not leak into the served installation.
    leaking = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "RECLAMO_DATA_DIR", "PYTHONPATH"}
    environment = {k: v for k, v in os.environ.items() if k not in leaking}
    if data_dir is not None:
        environment["RECLAMO_DATA_DIR"] = str(data_dir)
    if database_url is not None:
        environment["DATABASE_URL"] = database_url
    environment.update(extra_env or {})
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        env=environment,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    _drain(process)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, timeout)
    except BaseException:
        serve_stop(process)
        raise
    return Served(url=url, process=process, data_dir=data_dir)


_DRAINED: dict[int, tuple[list[str], threading.Thread]] = {}


def _drain(process: subprocess.Popen[str]) -> None:
    """Read what the server prints while it runs: an undrained pipe fills after a few hundred
    requests (gunicorn logs each one), and the server then blocks on its next write."""
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    _DRAINED[process.pid] = (lines, reader)


def _output(process: subprocess.Popen[str]) -> str:
    """What the server printed (all of it once it has exited)."""
    lines, reader = _DRAINED.get(process.pid, ([], None))
    if reader is not None:
        reader.join(timeout=10)
    return "".join(lines)


def serve_stop(process: subprocess.Popen[str]) -> str:
    """Ctrl-C, as a person would; kill the whole group if it hangs. Returns what it printed."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return _output(process)
