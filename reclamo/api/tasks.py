"""Durable background work of the API; each task only calls a service."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from reclamo.complaints.services import idempotency_keys_purge as keys_purge


@task()
def idempotency_keys_purge() -> str:
    """Forget the Idempotency-Keys and the stored answers older than
    ``RECLAMO_IDEMPOTENCY_KEY_RETENTION`` (the intake records stay). Meant to run daily."""
    before = timezone.now() - settings.RECLAMO_IDEMPOTENCY_KEY_RETENTION
    cleared = keys_purge(before=before)
    return f"{cleared} intake records cleared of their key and stored answer"
