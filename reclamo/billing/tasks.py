"""Durable background work of remedies; each task only calls a service."""

from __future__ import annotations

from django_tasks import task

from reclamo.billing.notices import outage_credit_letters_send

# Batches per run; what is left is queued again (and the periodic sweep picks it up anyway).
BATCHES_PER_RUN = 20


@task()
def outage_credit_letters_sweep() -> str:
    """Send the letters of automatic outage credits that wait, a batch at a time."""
    sent = 0
    for _ in range(BATCHES_PER_RUN):
        claimed = outage_credit_letters_send()
        sent += claimed
        if claimed == 0:
            return f"{sent} letters handled"
    outage_credit_letters_sweep.enqueue()
    return f"{sent} letters handled, more queued"
