"""Who may see and manage which provider: the tenant checks, in one place.

Used by the admin and the public pages. The superuser manages every provider; a provider's
administrator manages their own; a complaint handler sees their own provider's records; anyone
else (customers, visitors) sees none.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from reclamo.accounts.models import User
from reclamo.providers.models import Provider

STAFF_ROLES = frozenset(
    {
        User.Role.STAFF,
        User.Role.PROVIDER_ADMIN,
        User.Role.DEPARTMENT_AGENT,
        User.Role.DESK_OPERATOR,
        User.Role.AUDITOR,
    }
)


def _member(user: Any) -> User | None:
    """The signed-in, active Reclamo user behind a request's user, else None."""
    if not isinstance(user, User) or not user.is_active:
        return None
    return user


def user_is_superuser(user: Any) -> bool:
    member = _member(user)
    return bool(member and member.is_superuser)


def user_may_view(user: Any, provider: Provider | int | None) -> bool:
    """The user handles this provider's complaints or administers it (or is the superuser)."""
    member = _member(user)
    if member is None or provider is None:
        return False
    if member.is_superuser:
        return True
    provider_id = provider if isinstance(provider, int) else provider.pk
    return member.role in STAFF_ROLES and member.provider_id == provider_id


def user_may_manage(user: Any, provider: Provider | int | None) -> bool:
    """The user may change this provider's settings: policy versions, integration tokens."""
    member = _member(user)
    if member is None or provider is None:
        return False
    if member.is_superuser:
        return True
    provider_id = provider if isinstance(provider, int) else provider.pk
    return (
        member.is_staff
        and member.role == User.Role.PROVIDER_ADMIN
        and member.provider_id == provider_id
    )


def user_manages_any(user: Any) -> bool:
    member = _member(user)
    return bool(member and (member.is_superuser or user_may_manage(member, member.provider_id)))


def user_views_any(user: Any) -> bool:
    member = _member(user)
    return bool(
        member
        and member.is_staff
        and (member.is_superuser or user_may_view(member, member.provider_id))
    )


def providers_visible_to(user: Any) -> QuerySet[Provider]:
    member = _member(user)
    if member is None:
        return Provider.objects.none()
    if member.is_superuser:
        return Provider.objects.all()
    if member.role in STAFF_ROLES and member.provider_id is not None:
        return Provider.objects.filter(pk=member.provider_id)
    return Provider.objects.none()


def providers_managed_by(user: Any) -> QuerySet[Provider]:
    member = _member(user)
    if member is None:
        return Provider.objects.none()
    if member.is_superuser:
        return Provider.objects.all()
    if member.provider_id is not None and user_may_manage(member, member.provider_id):
        return Provider.objects.filter(pk=member.provider_id)
    return Provider.objects.none()
