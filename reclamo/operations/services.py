"""Installation-level writes: preparing a fresh installation, worker heartbeats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from reclamo.accounts.services import demo_accounts_create
from reclamo.complaints.models import Complaint
from reclamo.complaints.tasks import demo_register_prepare
from reclamo.letters.tasks import acknowledgements_sweep
from reclamo.operations.models import PeriodicRun, WorkerHeartbeat
from reclamo.operations.schedule import PERIODIC_JOBS, PeriodicJob
from reclamo.providers.services import bundled_policies_load


def installation_prepare(*, demo: bool) -> list[str]:
    """Load the bundled procedures, queue the sweep of lost acknowledgement retries and, for a
    demo, the demo accounts (on an installation with no users) and the demo register (on an
    empty register: a few hundred cases per provider, written by the task worker)."""
    lines = []
    for result in bundled_policies_load():
        version = result.policy_version
        state = "loaded" if result.created else "unchanged"
        lines.append(
            f"Procedure {version.provider.slug} {version.version} "
            f"(in force from {version.effective_from}): {state}."
        )
    # Deliveries whose retry was lost while no worker ran (a worker killed mid-send); the
    # schedule queues it again every few minutes while `serve` runs.
    acknowledgements_sweep.enqueue()
    if demo:
        created = demo_accounts_create()
        if created:
            lines.append(f"Demo accounts created: {', '.join(created)} (see README).")
        if not Complaint.objects.exists():
            # Queued, not written here: the site starts at once and the worker fills the
            # register in the background (demo_register_fill checks again that it is empty).
            demo_register_prepare.enqueue()
            lines.append(
                "Demo register: a few hundred cases per provider are being added in the "
                "background (no acknowledgements are sent for them)."
            )
    return lines


def worker_heartbeat_record(*, name: str = "default") -> datetime:
    now = timezone.now()
    with transaction.atomic(durable=True):
        WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": now})
    return now


def periodic_jobs_queue(
    *, now: datetime | None = None, jobs: Sequence[PeriodicJob] = PERIODIC_JOBS
) -> list[str]:
    """Queue every periodic job whose interval has passed since it was last queued; the names
    of the jobs queued.

    Safe with several callers at once: a job is queued by the caller whose conditional UPDATE
    moved its `queued_at` (or whose INSERT created its row), in the same transaction as the
    task's row where the task queue is the database.
    """
    now = now or timezone.now()
    queued = []
    for job in jobs:
        with transaction.atomic():
            run, created = PeriodicRun.objects.get_or_create(
                name=job.name, defaults={"queued_at": now}
            )
            claimed = created or bool(
                PeriodicRun.objects.filter(pk=run.pk, queued_at__lte=now - job.every).update(
                    queued_at=now
                )
            )
            if claimed:
                job.task.enqueue()
                queued.append(job.name)
    return queued
