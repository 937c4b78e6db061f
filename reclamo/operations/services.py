"""Installation-level writes: preparing a fresh installation, worker heartbeats."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from reclamo.accounts.services import demo_accounts_create
from reclamo.complaints.models import Complaint
from reclamo.complaints.tasks import demo_register_prepare
from reclamo.letters.tasks import acknowledgements_sweep
from reclamo.operations.models import WorkerHeartbeat
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
    # Deliveries whose retry was lost while no worker ran (a worker killed mid-send).
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
