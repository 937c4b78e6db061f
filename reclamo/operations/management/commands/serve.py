"""`reclamo serve`: one command that runs a complete Reclamo installation.

Migrates, loads the bundled procedures, creates the demo data on an empty database, collects
static files, then runs gunicorn (the web application) and the background task worker(s) as child
processes, and queues the periodic jobs (reclamo/operations/schedule.py) when they are due. A
child that exits is started again after a pause that doubles from 1 s to 60 s while
it keeps failing, and falls back to 1 s once it has run for a minute; only Ctrl-C (SIGINT) or
SIGTERM stops every process it started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from reclamo.operations.services import installation_prepare, periodic_jobs_queue
from reclamo.operations.tasks import worker_heartbeat

HEARTBEAT_SECONDS = 30
# How often the supervisor looks for periodic jobs that are due (reclamo/operations/schedule.py).
SCHEDULE_SECONDS = 15
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 60.0
# A child that has run this long is healthy again: its next crash waits the first pause only.
STABLE_SECONDS = 60.0
POLL_SECONDS = 0.2
# Task workers run at a lower CPU priority than the web workers (nice +10): under a burst of
# registrations the answers go first and the acknowledgements, queued durably with each case,
# follow as soon as the CPUs have room; on an idle machine nothing changes.
TASK_WORKER_NICENESS = 10


def restart_delay(failures: int) -> float:
    """The pause before restarting a child after its `failures`-th exit in a row (1, 2, 4 … 60)."""
    return min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** max(0, failures - 1))


@dataclass
class Child:
    """One supervised process: how to start it, and its restart bookkeeping."""

    name: str
    start: Callable[[], subprocess.Popen[bytes]]
    process: subprocess.Popen[bytes]
    started_at: float
    failures: int = 0
    restart_at: float | None = None


class Command(BaseCommand):
    help = "Migrate, load the bundled providers and demo data, and serve web and background work."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000).")
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1)."
        )
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Do not create the demo accounts and the demo register.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port (1–65535).")
        try:
            # Read lazily by the settings: a bad count stops `serve`, not every command.
            serving: Any = settings.RECLAMO_SERVING  # a lazy config.env.Serving
            web_workers, task_workers = int(serving.web_workers), int(serving.task_workers)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        report = installation_prepare(demo=not options["no_demo"])
        for line in report:
            self.stdout.write(line)
        call_command("collectstatic", interactive=False, verbosity=0)
        host = options["host"]
        starts = [("web server", lambda: self._web(host, port, web_workers))]
        starts += [(f"task worker {number}", self._worker) for number in range(1, task_workers + 1)]
        children = [
            Child(name=name, start=start, process=start(), started_at=time.monotonic())
            for name, start in starts
        ]
        self.stdout.write(
            f"Reclamo is serving on http://{host}:{port}/ "
            f"({web_workers} web workers, {task_workers} task workers). Ctrl-C stops it."
        )
        self._supervise(children)

    def _web(self, host: str, port: int, workers: int) -> subprocess.Popen[bytes]:
        # "config.wsgi.application" → gunicorn's "config.wsgi:application".
        module, _, name = settings.WSGI_APPLICATION.rpartition(".")
        return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable,
                "-m",
                "gunicorn",
                f"{module}:{name}",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                # One control socket per installation, not one shared in $HOME.
                "--control-socket",
                str(settings.DATA_DIR / "gunicorn.ctl"),
            ],
            env=os.environ.copy(),
        )

    def _worker(self) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reclamo",
                "db_worker",
                "--queue-name",
                "default",
                "--no-reload",
            ],
            env=os.environ.copy(),
        )
        with contextlib.suppress(OSError):  # a platform without priorities runs it as it is
            niceness = min(19, os.getpriority(os.PRIO_PROCESS, 0) + TASK_WORKER_NICENESS)
            os.setpriority(os.PRIO_PROCESS, worker.pid, niceness)
        return worker

    def _supervise(self, children: list[Child]) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        next_heartbeat = next_schedule = 0.0
        try:
            while not stopping:
                now = time.monotonic()
                if now >= next_heartbeat:
                    next_heartbeat = now + HEARTBEAT_SECONDS
                    self._heartbeat()
                if now >= next_schedule:
                    next_schedule = now + SCHEDULE_SECONDS
                    self._schedule()
                for child in children:
                    self._tend(child, now)
                time.sleep(POLL_SECONDS)
        finally:
            self._stop_all(children)
        self.stdout.write("Reclamo stopped.")

    def _heartbeat(self) -> None:
        # Queued, not run here: /healthz shows whether a worker picked it up.
        try:
            worker_heartbeat.enqueue()
        except DatabaseError as error:
            # A busy or unreachable database must not stop the supervisor; the next beat retries.
            self.stderr.write(f"Could not queue the worker heartbeat: {error}")

    def _schedule(self) -> None:
        try:
            periodic_jobs_queue()
        except DatabaseError as error:
            self.stderr.write(f"Could not queue the periodic jobs: {error}")

    def _tend(self, child: Child, now: float) -> None:
        """Restart `child` if it exited, after its back-off pause."""
        code = child.process.poll()
        if code is None:
            if child.failures and now - child.started_at >= STABLE_SECONDS:
                child.failures = 0
            return
        if child.restart_at is None:
            child.failures += 1
            delay = restart_delay(child.failures)
            child.restart_at = now + delay
            self.stderr.write(f"{child.name} exited with code {code}; restarting in {delay:g} s")
        elif now >= child.restart_at:
            child.process = child.start()
            child.started_at = now
            child.restart_at = None
            self.stdout.write(f"{child.name} restarted (pid {child.process.pid})")

    def _stop_all(self, children: list[Child]) -> None:
        for child in children:
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
