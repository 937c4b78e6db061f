"""Durable background work for providers; each task only calls a service."""

from __future__ import annotations

from django_tasks import task

from reclamo.providers.services import policy_version_loaded_mail_send


@task()
def policy_version_loaded_notify(policy_version_id: int) -> int:
    """Mail the provider's administrators that a policy version was loaded or reinstated."""
    return policy_version_loaded_mail_send(policy_version_id=policy_version_id)
