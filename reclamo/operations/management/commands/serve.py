"""`reclamo serve`: one command that runs a complete Reclamo installation.

Migrates, loads the bundled procedures, creates the demo data on an empty database, collects
static files, then runs gunicorn (the web application) and the background task worker(s) as child
processes. Ctrl-C (SIGINT) or SIGTERM stops every process it started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reclamo.operations.services import installation_prepare
from reclamo.operations.tasks import worker_heartbeat

HEARTBEAT_SECONDS = 30


class Command(BaseCommand):
    help = "Migrate, load the bundled providers and demo data, and serve web and background work."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000).")
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1)."
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not create demo staff accounts."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port: int = options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port (1–65535).")
        web_workers: int = settings.RECLAMO_WEB_WORKERS
        task_workers: int = settings.RECLAMO_TASK_WORKERS
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        report = installation_prepare(demo=not options["no_demo"])
        for line in report:
            self.stdout.write(line)
        call_command("collectstatic", interactive=False, verbosity=0)
        children = [self._web(options["host"], port, web_workers)]
        children += [self._worker() for _ in range(task_workers)]
        self.stdout.write(
            f"Reclamo is serving on http://{options['host']}:{port}/ "
            f"({web_workers} web workers, {task_workers} task workers). "
            "Ctrl-C stops it."
        )
        self._supervise(children)

    def _web(self, host: str, port: int, workers: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
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
        return subprocess.Popen(
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

    def _supervise(self, children: list[subprocess.Popen[bytes]]) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        next_heartbeat = 0.0
        try:
            while not stopping:
                if time.monotonic() >= next_heartbeat:
                    # Queued, not run here: /healthz shows whether a worker picked it up.
                    worker_heartbeat.enqueue()
                    next_heartbeat = time.monotonic() + HEARTBEAT_SECONDS
                if not stopping and any(child.poll() is not None for child in children):
                    self.stderr.write("A Reclamo process stopped unexpectedly; stopping the rest.")
                    break
                time.sleep(0.2)
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for child in children:
                remaining = max(0.1, deadline - time.monotonic())
                try:
                    child.wait(timeout=remaining)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if not stopping:
            raise CommandError("Reclamo stopped because one of its processes exited.")
        self.stdout.write("Reclamo stopped.")
