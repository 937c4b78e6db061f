"""Durable background work of the reports; each task only calls a service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from reclamo.reporting.services import dashboard_figures_refresh, monthly_reports_send


@task()
def monthly_reports_sweep() -> str:
    """Send each provider's report for its last complete month, once (a sweep: a late or
    doubled run sends nothing twice)."""
    return f"{monthly_reports_send(now=timezone.now())} monthly reports sent"


@task()
def dashboard_figures_sweep() -> str:
    """Bring each provider's stored dashboard figures up to now (the days touched since the
    last run, today's backlog, the default period's percentiles)."""
    return f"{dashboard_figures_refresh(now=timezone.now())} days recounted"
