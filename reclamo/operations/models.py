from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """When a background worker last completed a task (shown by /healthz)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.seen_at.isoformat()}"


class PeriodicRun(models.Model):
    """When a periodic job (reclamo/operations/schedule.py) was last queued.

    The row is the claim: whoever moves `queued_at` forward with a conditional UPDATE queues the
    job, so several supervisors (or `reclamo run_schedule` from cron beside `serve`) never queue
    the same run twice.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    queued_at = models.DateTimeField(_("last queued at"))

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")

    def __str__(self) -> str:
        return f"{self.name} {self.queued_at.isoformat()}"
