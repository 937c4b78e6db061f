"""The version in force: chosen from stored columns, never another provider's, and refusing
instants it cannot answer for with a code instead of a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from unittest import mock

import pytest

from reclamo.errors import ApplicationError
from reclamo.providers import selectors
from reclamo.providers.models import Provider
from reclamo.providers.selectors import (
    integration_token_for_secret,
    policy_in_force,
    provider_names_taken,
)
from reclamo.providers.services import (
    BUNDLED_POLICIES_DIR,
    integration_token_issue,
    policy_version_load,
)

PETROCOMP = (BUNDLED_POLICIES_DIR / "petrocomp.yaml").read_text(encoding="utf-8")


@pytest.mark.rule("T-1")
@pytest.mark.django_db
def test_choosing_the_version_in_force_parses_no_policy_file(django_assert_num_queries) -> None:
    old = policy_version_load(text=PETROCOMP, source_name="a.yaml").policy_version
    new = policy_version_load(
        text=PETROCOMP.replace("effective_from: 2015-01-01", "effective_from: 2027-01-01"),
        source_name="b.yaml",
    ).policy_version
    selectors._parse.cache_clear()
    with (
        mock.patch.object(selectors, "load_policy_text", side_effect=AssertionError("parsed")),
        django_assert_num_queries(1),
    ):
        # 2026-12-31T23:30Z is already 2027 in Bratislava (the stored zone decides, T-1).
        assert (
            policy_in_force(provider=old.provider, at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
            == new
        )
    assert (
        policy_in_force(provider=old.provider, at=datetime(2026, 12, 31, 22, 59, tzinfo=UTC)) == old
    )


@pytest.mark.django_db
def test_a_case_received_before_the_first_version_has_no_policy_in_force() -> None:
    provider = policy_version_load(text=PETROCOMP, source_name="a.yaml").policy_version.provider
    with pytest.raises(ApplicationError) as refused:
        # 2014-12-31T23:00Z is 2015-01-01 00:00 in Bratislava: in force. An hour earlier is not.
        policy_in_force(provider=provider, at=datetime(2014, 12, 31, 22, 59, tzinfo=UTC))
    assert (refused.value.code, refused.value.status) == ("no_policy_in_force", 422)
    assert policy_in_force(provider=provider, at=datetime(2014, 12, 31, 23, 0, tzinfo=UTC))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "at",
    [
        datetime(9999, 12, 31, 23, 30, tzinfo=UTC),  # local Bratislava time is in year 10000
        datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=5))),  # UTC is in year 0
        datetime.max.replace(tzinfo=UTC),
    ],
)
def test_instants_outside_the_representable_range_are_out_of_range(at: datetime) -> None:
    provider = policy_version_load(text=PETROCOMP, source_name="a.yaml").policy_version.provider
    with pytest.raises(ApplicationError) as refused:
        policy_in_force(provider=provider, at=at)
    assert (refused.value.code, refused.value.status) == ("out_of_range", 422)


@pytest.mark.django_db
def test_the_version_in_force_is_never_another_providers(bundled_providers) -> None:
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    for slug, provider in bundled_providers.items():
        assert policy_in_force(provider=provider, at=at).provider.slug == slug
    newcomer = Provider.objects.create(slug="newcomer", name="Newcomer")
    with pytest.raises(ApplicationError, match="No complaint procedure"):
        policy_in_force(provider=newcomer, at=at)


@pytest.mark.django_db
def test_a_token_secret_finds_only_its_own_live_token_and_writes_nothing(
    django_assert_num_queries,
) -> None:
    pronet = Provider.objects.create(slug="pronet", name="ProNET")
    secret = integration_token_issue(provider=pronet)
    with django_assert_num_queries(1):
        record = integration_token_for_secret(token=secret)
    assert record is not None and record.provider == pronet and record.last_used_at is None
    assert integration_token_for_secret(token=secret + "x") is None


@pytest.mark.django_db
def test_names_taken_compares_brand_and_legal_name_across_providers(bundled_providers) -> None:
    assert provider_names_taken(slug="unitel", brand="ProNET", legal_name="UNITEL s.r.o.") == [
        ("pronet", "ProNET")
    ]
    assert provider_names_taken(slug="x", brand="New", legal_name=" unitel S.R.O. ") == [
        ("unitel", "UNITEL s.r.o.")
    ]
    assert provider_names_taken(slug="unitel", brand="UNITEL", legal_name="UNITEL s.r.o.") == []
