"""Factories for the people who sign in, by role.

`UserFactory()` is a customer; `SuperuserFactory()`, `ProviderAdminFactory(provider=…)` and
`ProviderStaffFactory(provider=…)` (a complaint handler) are the roles of accounts.models.User.
Every factory-made user has the password `PASSWORD`.
"""

from __future__ import annotations

import factory

from reclamo.accounts.models import User
from reclamo.providers.tests.factories import ProviderFactory

PASSWORD = "pw-12345-long"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    role = User.Role.CUSTOMER
    password = factory.django.Password(PASSWORD)


class SuperuserFactory(UserFactory):
    """Reclamo's operator: every provider, every admin page."""

    username = factory.Sequence(lambda n: f"root-{n}")
    role = User.Role.STAFF
    is_staff = True
    is_superuser = True


class ProviderStaffFactory(UserFactory):
    """A complaint handler of one provider; no admin access."""

    username = factory.Sequence(lambda n: f"handler-{n}")
    role = User.Role.STAFF
    provider = factory.SubFactory(ProviderFactory)


class ProviderAdminFactory(ProviderStaffFactory):
    """A provider's administrator: the admin pages of their own provider only."""

    username = factory.Sequence(lambda n: f"provider-admin-{n}")
    role = User.Role.PROVIDER_ADMIN
    is_staff = True
