"""The periodic jobs of an installation: what the worker must do on its own, and how often.

Each job is a django-tasks task that finds its own work (a sweep: "every acknowledgement whose
attempt is due", "every deadline that passed"), so a run that is late, doubled or skipped only
delays work — the state the sweep reads is in the database. `reclamo serve` queues the due jobs
from its supervisor loop; an installation that runs web and workers otherwise runs
`reclamo run_schedule` (a loop, or `--once` from cron every minute).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings

from reclamo.api.tasks import idempotency_keys_purge
from reclamo.billing.tasks import outage_credit_letters_sweep
from reclamo.casework.tasks import casework_timers_sweep
from reclamo.intake.tasks import email_replies_sweep, mailboxes_fetch
from reclamo.letters.tasks import acknowledgements_sweep
from reclamo.reporting.tasks import dashboard_figures_sweep, monthly_reports_sweep


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Any  # a django_tasks Task taking no arguments
    every: timedelta


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    # Acknowledgements whose retry was lost (a worker killed mid-send, a task row lost).
    PeriodicJob("acknowledgements_sweep", acknowledgements_sweep, timedelta(minutes=5)),
    # Idempotency-Keys and stored answers past RECLAMO_IDEMPOTENCY_KEY_RETENTION (the intake
    # records stay).
    PeriodicJob("idempotency_keys_purge", idempotency_keys_purge, timedelta(days=1)),
    # Reminders, breach escalations and deemed acceptance (PC-13), each fired once; letters of
    # case handling whose retry is due.
    PeriodicJob("casework_timers_sweep", casework_timers_sweep, timedelta(minutes=1)),
    # Automatic answers to refused emails (PC-2) whose send failed or whose task was lost.
    PeriodicJob("email_replies_sweep", email_replies_sweep, timedelta(minutes=5)),
    # New mail in the providers' IMAP mailboxes; only where one is configured (RECLAMO_IMAP_*).
    *(
        (PeriodicJob("mailboxes_fetch", mailboxes_fetch, timedelta(minutes=1)),)
        if settings.RECLAMO_IMAP_MAILBOXES
        else ()
    ),
    # Each provider's quality report for the last complete month, mailed once to its admins.
    PeriodicJob("monthly_reports_sweep", monthly_reports_sweep, timedelta(hours=1)),
    # Letters of automatic outage credits still waiting (a sweep task lost or cut short).
    PeriodicJob("outage_credit_letters_sweep", outage_credit_letters_sweep, timedelta(minutes=5)),
    # The dashboard's stored figures: days touched since the last run, backlog, percentiles.
    PeriodicJob("dashboard_figures_sweep", dashboard_figures_sweep, timedelta(minutes=5)),
)
