"""The admin's provider and policy-version lists cost as many queries for 10 providers as for 1."""

from __future__ import annotations

import pytest

from reclamo.accounts.tests.factories import ProviderAdminFactory, SuperuserFactory
from reclamo.providers.tests.factories import PolicyVersionFactory

# Session, user, then the page's own reads (a change list counts its rows twice: filtered and
# total; a provider admin's list also reads their provider). The bound is the same for every
# number of providers, so a query per row fails it.
SUPERUSER_LISTS = {
    "/admin/providers/provider/": 5,
    "/admin/providers/policyversion/": 6,
}
PROVIDER_ADMIN_VERSIONS = ("/admin/providers/policyversion/", 7)


@pytest.mark.parametrize("providers", [1, 3, 10])
@pytest.mark.parametrize("url", sorted(SUPERUSER_LISTS))
def test_the_superusers_lists_make_the_same_queries_for_any_number_of_providers(
    client, db, django_assert_max_num_queries, url: str, providers: int
) -> None:
    versions = PolicyVersionFactory.create_batch(providers)
    client.force_login(SuperuserFactory())
    with django_assert_max_num_queries(SUPERUSER_LISTS[url]):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for version in versions:
        assert version.provider.name in html


@pytest.mark.parametrize("providers", [1, 3, 10])
def test_a_provider_admins_version_list_makes_the_same_queries_and_shows_only_their_own(
    client, db, django_assert_max_num_queries, providers: int
) -> None:
    own, *others = PolicyVersionFactory.create_batch(providers)
    client.force_login(ProviderAdminFactory(provider=own.provider))
    url, queries = PROVIDER_ADMIN_VERSIONS
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert own.provider.name in html
    for version in others:
        assert version.provider.name not in html
