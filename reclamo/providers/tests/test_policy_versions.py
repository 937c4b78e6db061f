"""Policy versions: onboarding by file, immutable versions, the version in force at receipt."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reclamo.domain.policy import PolicyInvalid
from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.selectors import policy_in_force, policy_of
from reclamo.providers.services import (
    BUNDLED_POLICIES_DIR,
    bundled_policies_load,
    policy_version_load,
)

PETROCOMP = (BUNDLED_POLICIES_DIR / "petrocomp.yaml").read_text(encoding="utf-8")
HUNGARIAN = Path(__file__).resolve().parents[3] / "tests" / "policies" / "magyarnet-hu.yaml"


def _amended(text: str, effective_from: str, version: str) -> str:
    """The same procedure with a new version label and effective date."""
    lines = []
    for line in text.splitlines():
        if line.startswith("effective_from:"):
            line = f"effective_from: {effective_from}"
        elif line.startswith("version:"):
            line = f'version: "{version}"'
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.django_db
def test_loading_the_bundled_policies_twice_creates_each_version_once() -> None:
    first = bundled_policies_load()
    second = bundled_policies_load()
    assert {r.policy_version.provider.slug for r in first} == {"pronet", "unitel", "petrocomp"}
    assert all(r.created for r in first)
    assert not any(r.created for r in second)
    assert PolicyVersion.objects.count() == 3


@pytest.mark.django_db
def test_a_changed_file_becomes_a_new_version_and_old_receipts_keep_the_old_one() -> None:
    old = policy_version_load(text=PETROCOMP, source_name="petrocomp.yaml").policy_version
    new = policy_version_load(
        text=_amended(PETROCOMP, "2027-01-01", "2027-01-01"), source_name="petrocomp-2027.yaml"
    ).policy_version
    assert new.pk != old.pk and new.provider_id == old.provider_id
    provider = old.provider
    # Midnight in Bratislava decides, not midnight UTC: 2026-12-31T23:30Z is already 2027 there.
    assert policy_in_force(provider=provider, at=datetime(2026, 12, 31, 22, 59, tzinfo=UTC)) == old
    assert policy_in_force(provider=provider, at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == new
    old.refresh_from_db()
    assert old.source_text == PETROCOMP, "an existing version is never rewritten"


@pytest.mark.django_db
def test_a_corrected_file_with_the_same_effective_date_wins_for_new_receipts() -> None:
    first = policy_version_load(text=PETROCOMP, source_name="a.yaml").policy_version
    corrected = policy_version_load(
        text=PETROCOMP + "# corrected typo\n", source_name="b.yaml"
    ).policy_version
    at = datetime(2026, 11, 21, 10, tzinfo=UTC)
    assert policy_in_force(provider=first.provider, at=at) == corrected


@pytest.mark.django_db
def test_an_invalid_file_is_refused_and_nothing_is_stored() -> None:
    broken = PETROCOMP.replace("time_zone: Europe/Bratislava", "time_zone: Europe/Atlantis")
    with pytest.raises(PolicyInvalid) as raised:
        policy_version_load(text=broken, source_name="broken.yaml")
    assert any("time_zone" in problem.path for problem in raised.value.problems)
    assert not Provider.objects.exists() and not PolicyVersion.objects.exists()


@pytest.mark.django_db
def test_a_fourth_provider_is_onboarded_with_a_file_and_no_code() -> None:
    result = policy_version_load(
        text=HUNGARIAN.read_text(encoding="utf-8"), source_name=HUNGARIAN.name
    )
    provider = result.policy_version.provider
    policy = policy_of(result.policy_version)
    assert provider.slug == policy.slug
    assert policy.time_zone == "Europe/Budapest" and policy.currency == "HUF"
    assert result.policy_version.effective_from == policy.effective_from
    assert isinstance(policy.effective_from, date)
