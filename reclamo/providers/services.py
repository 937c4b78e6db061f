"""Writes for providers: onboarding from a policy file, policy versions, integration tokens."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from reclamo.domain.policy import load_policy_text
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider
from reclamo.providers.tokens import token_digest, token_generate

BUNDLED_POLICIES_DIR = Path(__file__).resolve().parent / "policies"


@dataclass(frozen=True)
class PolicyLoadResult:
    policy_version: PolicyVersion
    created: bool


@transaction.atomic
def policy_version_load(*, text: str, source_name: str, loaded_by: str = "") -> PolicyLoadResult:
    """Validate a policy file and store it as a new version of its provider's procedure.

    The provider is created on first load (onboarding is a file, not code). Loading the same
    content again changes nothing; changed content becomes a new version, and complaints already
    registered keep the version they were received under.
    Raises `PolicyInvalid` (a DomainError listing every problem) for a bad file.
    """
    policy = load_policy_text(text, source=source_name)
    provider, _ = Provider.objects.get_or_create(
        slug=policy.slug, defaults={"name": policy.provider.brand}
    )
    if provider.name != policy.provider.brand:
        provider.name = policy.provider.brand
        provider.save(update_fields=["name"])
    # get_or_create: two processes loading the same file at once store it once.
    version, created = PolicyVersion.objects.get_or_create(
        provider=provider,
        checksum=hashlib.sha256(text.encode()).hexdigest(),
        defaults={
            "version": policy.version,
            "effective_from": policy.effective_from,
            "source_name": source_name,
            "source_text": text,
            "loaded_by": loaded_by,
        },
    )
    return PolicyLoadResult(policy_version=version, created=created)


def bundled_policies_load() -> list[PolicyLoadResult]:
    """Load the procedures shipped with Reclamo (pronet, unitel, petrocomp)."""
    return [
        policy_version_load(
            text=path.read_text(encoding="utf-8"),
            source_name=f"bundled:{path.name}",
            loaded_by="reclamo serve",
        )
        for path in sorted(BUNDLED_POLICIES_DIR.glob("*.yaml"))
    ]


def integration_token_issue(*, provider: Provider, label: str = "") -> str:
    """Create a token for the provider's own systems; the clear text is returned once only."""
    token = token_generate()
    IntegrationToken.objects.create(
        provider=provider, label=label, prefix=token[:12], digest=token_digest(token)
    )
    return token
