"""Reads for providers: who they are, which procedure governs, who may call the API."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.db.models import QuerySet
from django.utils import timezone

from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy, load_policy_text
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider
from reclamo.providers.tokens import token_digest


def provider_list() -> QuerySet[Provider]:
    return Provider.objects.filter(is_active=True).order_by("name")


def provider_get(*, slug: str) -> Provider | None:
    return Provider.objects.filter(slug=slug, is_active=True).first()


def policy_version_in_force(*, provider: Provider, at: datetime) -> PolicyVersion | None:
    """The version in force at an instant: the latest `effective_from` on or before its date.

    Among versions with the same `effective_from`, the one loaded last wins (a corrected file).
    A complaint stores the version it got here and keeps it for life.
    """
    versions = PolicyVersion.objects.filter(provider=provider).order_by(
        "-effective_from", "-loaded_at", "-pk"
    )
    candidates = list(versions.only("pk", "effective_from", "checksum")[:50])
    for version in candidates:
        local_day = at.astimezone(get_zone(policy_of(version).time_zone)).date()
        if version.effective_from <= local_day:
            return version
    # Received before the earliest known version took effect: the earliest version is the only
    # published procedure we have, so it governs (a provider's lawyer would rather that than none).
    return candidates[-1] if candidates else None


def policy_current(*, provider: Provider) -> Policy | None:
    version = policy_version_in_force(provider=provider, at=timezone.now())
    return policy_of(version) if version is not None else None


def policy_of(version: PolicyVersion) -> Policy:
    """The parsed policy of a stored version (parsed once per process, keyed by content)."""
    return _parse(version.pk, version.checksum)


@lru_cache(maxsize=256)
def _parse(pk: int, checksum: str) -> Policy:
    version = PolicyVersion.objects.only("source_text", "source_name").get(pk=pk)
    return load_policy_text(version.source_text, source=version.source_name)


def integration_token_provider(*, token: str) -> Provider | None:
    """The provider a bearer token belongs to, or None if unknown or revoked."""
    record = (
        IntegrationToken.objects.select_related("provider")
        .filter(digest=token_digest(token), revoked_at__isnull=True, provider__is_active=True)
        .first()
    )
    if record is None:
        return None
    IntegrationToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.provider
