"""Durable background work for the register; each task only calls a service."""

from __future__ import annotations

from django_tasks import task

from reclamo.complaints.demo import demo_register_fill


@task()
def demo_register_prepare() -> str:
    """Fill an empty register with the demo cases (queued by `reclamo serve`'s preparation, so
    the site answers while the worker writes them)."""
    created = demo_register_fill()
    return ", ".join(f"{slug}: {count}" for slug, count in created.items()) or "already filled"
