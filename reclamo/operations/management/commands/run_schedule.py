"""`reclamo run_schedule [--once]`: queue the periodic jobs when they are due.

`reclamo serve` does this itself. An installation that runs gunicorn and `reclamo db_worker`
under its own supervisor runs this beside them (a loop), or `--once` from cron every minute.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reclamo.operations.services import periodic_jobs_queue

INTERVAL_SECONDS = 15


class Command(BaseCommand):
    help = "Queue the periodic jobs that are due (once, or every 15 seconds until stopped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Queue what is due, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            for name in periodic_jobs_queue():
                self.stdout.write(f"Queued {name}.")
            if options["once"]:
                return
            time.sleep(INTERVAL_SECONDS)
