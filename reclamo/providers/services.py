"""Writes for providers: onboarding from a policy file, policy versions, integration tokens.

Every write has one shape (STYLE.md, "The write path"): validate first — parsing a policy file is
slow and must not hold the database's write lock — then, inside one durable transaction, lock what
changes, write the change and its `ProviderEvent`, and queue side effects to run after commit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reclamo.domain.policy import Policy, load_policy_text
from reclamo.errors import ApplicationError
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider, ProviderEvent
from reclamo.providers.selectors import provider_names_taken
from reclamo.providers.tokens import token_digest, token_generate

BUNDLED_POLICIES_DIR = Path(__file__).resolve().parent / "policies"
SYSTEM_ACTOR = "system"
# A token's last use is recorded at most this often: an API call must not write on every request.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class PolicyLoadResult:
    policy_version: PolicyVersion
    created: bool


def policy_checksum(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def policy_version_load(
    *, text: str, source_name: str, loaded_by: str = "", check_names: bool = True
) -> PolicyLoadResult:
    """Validate a policy file and store it as a new version of its provider's procedure.

    The provider is created on first load (onboarding is a file, not code). Loading the same
    content again changes nothing; changed content becomes a new version, and complaints already
    registered keep the version they were received under.
    Raises `PolicyInvalid` (a DomainError listing every problem) for a bad file, and
    `ApplicationError("name_taken")` where `check_names` and the file's brand or legal name is
    another provider's (only the superuser may load such a file).
    """
    # Parsed and validated before any transaction opens: no lock is held while it runs.
    policy = policy_file_validate(text=text, source_name=source_name, check_names=check_names)
    actor = loaded_by or SYSTEM_ACTOR
    with transaction.atomic(durable=True):
        provider, _created = Provider.objects.get_or_create(
            slug=policy.slug, defaults={"name": policy.provider.brand}
        )
        if provider.name != policy.provider.brand:
            provider.name = policy.provider.brand
            provider.save(update_fields=["name"])
        # get_or_create: two processes loading the same file at once store it once.
        version, created = PolicyVersion.objects.get_or_create(
            provider=provider,
            checksum=policy_checksum(text),
            defaults={
                "version": policy.version,
                "effective_from": policy.effective_from,
                "time_zone": policy.time_zone,
                "source_name": source_name,
                "source_text": text,
                "loaded_by": loaded_by,
            },
        )
        if created:
            ProviderEvent.objects.create(
                provider=provider,
                actor=actor,
                type=ProviderEvent.Type.POLICY_VERSION_LOADED,
                data={"policy_version": version.pk, "version": version.version},
            )
            _notify_admins_on_commit(version)
    return PolicyLoadResult(policy_version=version, created=created)


def policy_file_validate(*, text: str, source_name: str, check_names: bool = True) -> Policy:
    """Every check a policy file must pass before it is stored; reads only, no transaction.

    The admin's upload form runs it to show the problems as form errors; the service runs it
    again, so no entry point can skip it.
    """
    policy = load_policy_text(text, source=source_name)
    if check_names:
        _refuse_taken_names(policy)
    return policy


def policy_version_reinstate(*, version: PolicyVersion, actor: str) -> PolicyVersion:
    """Make an earlier version the one in force again, as if it had just been loaded.

    It wins over the versions with the same effective date; a version with a later effective
    date still governs from that date (the procedure's own date decides first, see
    `policy_in_force`). The version's text is never touched.
    """
    with transaction.atomic(durable=True):
        locked = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        locked.reinstated_at = timezone.now()
        locked.save(update_fields=["reinstated_at"])
        ProviderEvent.objects.create(
            provider_id=locked.provider_id,
            actor=actor,
            type=ProviderEvent.Type.POLICY_VERSION_REINSTATED,
            data={"policy_version": locked.pk, "version": locked.version},
        )
        _notify_admins_on_commit(locked)
    return locked


def _refuse_taken_names(policy: Policy) -> None:
    taken = provider_names_taken(
        slug=policy.slug, brand=policy.provider.brand, legal_name=policy.provider.legal_name
    )
    if taken:
        raise ApplicationError(
            "name_taken",
            _(
                "The brand or legal name %(name)s belongs to another provider (%(other)s); "
                "ask the Reclamo administrator to load this file."
            )
            % {"name": taken[0][1], "other": taken[0][0]},
            "policy_file",
        )


def _notify_admins_on_commit(version: PolicyVersion) -> None:
    # Imported here: the tasks module imports this one (a task only calls a service).
    from reclamo.providers.tasks import policy_version_loaded_notify

    version_id = version.pk
    transaction.on_commit(lambda: policy_version_loaded_notify.enqueue(version_id))


def policy_version_loaded_mail_send(*, policy_version_id: int) -> int:
    """Tell the provider's administrators which procedure is now loaded; returns mails sent."""
    version = PolicyVersion.objects.select_related("provider").get(pk=policy_version_id)
    recipients = list(
        get_user_model()
        .objects.filter(
            provider=version.provider, role="provider_admin", is_active=True, email__gt=""
        )
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    subject = _("%(provider)s: policy version %(version)s loaded") % {
        "provider": version.provider.name,
        "version": version.version,
    }
    body = _(
        "Version %(version)s of the complaint procedure (in force from %(effective)s) was "
        "loaded by %(by)s from %(source)s."
    ) % {
        "version": version.version,
        "effective": version.effective_from.isoformat(),
        "by": version.loaded_by or SYSTEM_ACTOR,
        "source": version.source_name,
    }
    # Not fail_silently: a failed send fails the task, which the worker records.
    return send_mail(subject, body, None, recipients)


def provider_active_set(*, provider: Provider, is_active: bool, actor: str) -> Provider:
    """Switch a provider's public pages and API on or off (its records are kept)."""
    with transaction.atomic(durable=True):
        locked = Provider.objects.select_for_update().get(pk=provider.pk)
        if locked.is_active == is_active:
            return locked
        locked.is_active = is_active
        locked.save(update_fields=["is_active"])
        ProviderEvent.objects.create(
            provider=locked,
            actor=actor,
            type=(
                ProviderEvent.Type.PROVIDER_ACTIVATED
                if is_active
                else ProviderEvent.Type.PROVIDER_DEACTIVATED
            ),
        )
    return locked


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


def integration_token_issue(
    *, provider: Provider, actor: str = SYSTEM_ACTOR, label: str = ""
) -> str:
    """Create a token for the provider's own systems; the clear text is returned once only."""
    token = token_generate()
    with transaction.atomic(durable=True):
        record = IntegrationToken.objects.create(
            provider=provider, label=label, prefix=token[:12], digest=token_digest(token)
        )
        ProviderEvent.objects.create(
            provider=provider,
            actor=actor,
            type=ProviderEvent.Type.INTEGRATION_TOKEN_ISSUED,
            data={"token": record.pk, "prefix": record.prefix, "label": label},
        )
    return token


def integration_token_revoke(
    *, provider: Provider, token: IntegrationToken, actor: str
) -> IntegrationToken:
    """Revoke a provider's token: it stops authenticating at once. Revoking twice is a no-op."""
    if token.provider_id != provider.pk:
        raise ApplicationError("not_found", _("No such integration token."), "token", status=404)
    with transaction.atomic(durable=True):
        locked = IntegrationToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        ProviderEvent.objects.create(
            provider=provider,
            actor=actor,
            type=ProviderEvent.Type.INTEGRATION_TOKEN_REVOKED,
            data={"token": locked.pk, "prefix": locked.prefix, "label": locked.label},
        )
    return locked


def integration_token_label(
    *, provider: Provider, token: IntegrationToken, label: str, actor: str
) -> IntegrationToken:
    """Rename what a token is for (its secret and prefix never change)."""
    if token.provider_id != provider.pk:
        raise ApplicationError("not_found", _("No such integration token."), "token", status=404)
    with transaction.atomic(durable=True):
        locked = IntegrationToken.objects.select_for_update().get(pk=token.pk)
        previous = locked.label
        locked.label = label
        locked.save(update_fields=["label"])
        ProviderEvent.objects.create(
            provider=provider,
            actor=actor,
            type=ProviderEvent.Type.INTEGRATION_TOKEN_LABELLED,
            data={"token": locked.pk, "prefix": locked.prefix, "label": label, "was": previous},
        )
    return locked


def integration_token_use_record(*, token: IntegrationToken, now: datetime) -> None:
    """Remember when a token was last used, at most once per `TOKEN_USE_RESOLUTION`.

    Not an audit event: use is too frequent to log, and `last_used_at` is what admins read.
    One conditional UPDATE, so concurrent requests never wait on each other.
    """
    if token.last_used_at is not None and now - token.last_used_at < TOKEN_USE_RESOLUTION:
        return
    with transaction.atomic(durable=True):
        IntegrationToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOKEN_USE_RESOLUTION),
            pk=token.pk,
        ).update(last_used_at=now)
