"""Writes for people who sign in."""

from __future__ import annotations

from django.db import transaction

from reclamo.accounts.models import User
from reclamo.providers.models import Provider

# Documented in the README; only created on an installation that has no users at all.
DEMO_PASSWORD = "reclamo-demo"  # noqa: S105 - public demo credential


def demo_accounts_create() -> list[str]:
    """Create the demo accounts on an empty installation; returns the user names created."""
    with transaction.atomic(durable=True):
        return _demo_accounts_create()


def _demo_accounts_create() -> list[str]:
    if User.objects.exists():
        return []
    created = []
    admin = User.objects.create_superuser(
        username="admin", email="admin@reclamo.invalid", password=DEMO_PASSWORD
    )
    created.append(admin.username)
    for provider in Provider.objects.order_by("slug"):
        for role, suffix in ((User.Role.STAFF, "staff"), (User.Role.PROVIDER_ADMIN, "admin")):
            user = User.objects.create_user(
                username=f"{provider.slug}-{suffix}",
                email=f"{suffix}@{provider.slug}.reclamo.invalid",
                password=DEMO_PASSWORD,
                role=role,
                provider=provider,
                is_staff=role == User.Role.PROVIDER_ADMIN,
            )
            created.append(user.username)
    return created


def user_language_set(*, user: User, language: str) -> None:
    """Remember a signed-in person's language; pages without a language in the URL use it."""
    if user.language != language:
        user.language = language
        with transaction.atomic(durable=True):
            user.save(update_fields=["language"])
