"""Reads for providers: who they are, which procedure governs, who may call the API.

Selectors never write; what a read implies (a token's last use) is a service the caller runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy, load_policy_text
from reclamo.errors import ApplicationError
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider
from reclamo.providers.tokens import token_digest


def provider_list() -> QuerySet[Provider]:
    return Provider.objects.filter(is_active=True).order_by("name")


def provider_get(*, slug: str) -> Provider | None:
    return Provider.objects.filter(slug=slug, is_active=True).first()


def _versions_newest_first(provider: Provider) -> QuerySet[PolicyVersion]:
    """The effective date decides first; among equal dates the version loaded — or reinstated —
    last wins (a corrected file, or an earlier file put back)."""
    return (
        PolicyVersion.objects.filter(provider=provider)
        .annotate(ranked_at=Coalesce("reinstated_at", "loaded_at"))
        .order_by("-effective_from", F("ranked_at").desc(), "-pk")
    )


def policy_in_force(*, provider: Provider, at: datetime) -> PolicyVersion:
    """The version in force at an instant: the latest `effective_from` on or before the local
    date of `at` in that version's time zone (T-1: the local date decides).

    A complaint stores the version it got here and keeps it for life. Raises ApplicationError
    (422) `no_policy_in_force` for an instant before the provider's first version took effect,
    and `out_of_range` for an instant whose local date cannot be represented.
    """
    try:
        # No zone is more than a day from UTC: later versions cannot be in force yet.
        latest_possible = at.astimezone(UTC).date() + timedelta(days=1)
    except OverflowError:
        raise _out_of_range(at) from None
    candidates = _versions_newest_first(provider).filter(effective_from__lte=latest_possible)
    local_days: dict[str, date] = {}
    # `checksum` is policy_of's cache key: loading it here spares the caller a second query.
    for version in candidates.only(
        "pk", "provider", "version", "effective_from", "time_zone", "checksum"
    ):
        if version.time_zone not in local_days:
            try:
                local_days[version.time_zone] = at.astimezone(get_zone(version.time_zone)).date()
            except OverflowError:
                raise _out_of_range(at) from None
        if version.effective_from <= local_days[version.time_zone]:
            return version
    raise ApplicationError(
        "no_policy_in_force",
        _("No complaint procedure of %(provider)s was in force on %(at)s.")
        % {"provider": provider.name, "at": at.isoformat()},
        "received_at",
        status=422,
    )


def _out_of_range(at: datetime) -> ApplicationError:
    return ApplicationError(
        "out_of_range",
        _("%(at)s is outside the dates Reclamo can represent.") % {"at": at.isoformat()},
        "received_at",
        status=422,
    )


def policy_current(*, provider: Provider) -> Policy | None:
    """The procedure shown on the provider's pages now.

    Before the first version takes effect the pages show that version (the procedure customers
    will be under); `policy_in_force` refuses cases received before then.
    """
    try:
        return policy_of(policy_in_force(provider=provider, at=timezone.now()))
    except ApplicationError:
        earliest = _versions_newest_first(provider).last()
        return policy_of(earliest) if earliest is not None else None


def policy_of(version: PolicyVersion) -> Policy:
    """The parsed policy of a stored version (parsed once per process, keyed by content)."""
    return _parse(version.pk, version.checksum)


@lru_cache(maxsize=256)
def _parse(pk: int, checksum: str) -> Policy:
    version = PolicyVersion.objects.only("source_text", "source_name").get(pk=pk)
    return load_policy_text(version.source_text, source=version.source_name)


def policy_version_identical(*, slug: str, checksum: str) -> PolicyVersion | None:
    """The stored version of this provider with exactly this content, if any."""
    return (
        PolicyVersion.objects.filter(provider__slug=slug, checksum=checksum)
        .select_related("provider")
        .first()
    )


def provider_names_taken(*, slug: str, brand: str, legal_name: str) -> list[tuple[str, str]]:
    """(other provider's slug, name) for each other provider already using this brand or legal
    name, compared without regard to case or surrounding spaces."""
    wanted = {brand.strip().casefold(), legal_name.strip().casefold()} - {""}
    taken = []
    for other in Provider.objects.exclude(slug=slug).order_by("slug"):
        policy = policy_current(provider=other)
        names = {other.name}
        if policy is not None:
            names |= {policy.provider.brand, policy.provider.legal_name}
        taken += [(other.slug, name) for name in sorted(names) if name.strip().casefold() in wanted]
    return taken


def integration_token_for_secret(*, token: str) -> IntegrationToken | None:
    """The live token record a bearer secret belongs to, or None if unknown or revoked."""
    return (
        IntegrationToken.objects.select_related("provider")
        .filter(digest=token_digest(token), revoked_at__isnull=True, provider__is_active=True)
        .first()
    )


def integration_token_list(*, provider: Provider) -> QuerySet[IntegrationToken]:
    return IntegrationToken.objects.filter(provider=provider).order_by("-created_at", "-pk")


def integration_token_find(*, prefix_or_id: str) -> list[IntegrationToken]:
    """Tokens matching a numeric id or the start of a prefix (`rcl_AbC…`), any provider."""
    tokens = IntegrationToken.objects.select_related("provider")
    if prefix_or_id.isdigit():
        return list(tokens.filter(pk=int(prefix_or_id)))
    if len(prefix_or_id) < 5:
        return []
    return list(tokens.filter(prefix__startswith=prefix_or_id)[:10])
