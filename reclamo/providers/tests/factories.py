"""Factories for providers and their procedures (policy versions).

A policy version is created through `policy_version_load`, the one write path for procedures, from
a real policy file (the fictional MagyarNet of tests/policies by default) with the provider's slug,
names, version and effective date replaced: each factory-made provider has a valid procedure.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import factory

from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.services import policy_version_load

TEST_POLICY = Path(__file__).resolve().parents[3] / "tests" / "policies" / "magyarnet-hu.yaml"


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    """A provider with no procedure yet (see `PolicyVersionFactory` for one that has)."""

    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"provider-{n}")
    name = factory.LazyAttribute(lambda o: f"Provider {o.slug}")


def policy_text(
    *, slug: str, brand: str, version: str, effective_from: date, base: Path = TEST_POLICY
) -> str:
    """`base` with the provider's identity, version and effective date replaced."""
    text = base.read_text(encoding="utf-8")
    replacements = {
        r"^  slug: .*$": f"  slug: {slug}",
        r"^  legal_name: .*$": f"  legal_name: {brand} s.r.o.",
        r"^  brand: .*$": f"  brand: {brand}",
        r"^version: .*$": f'version: "{version}"',
        r"^effective_from: .*$": f"effective_from: {effective_from.isoformat()}",
    }
    for pattern, replacement in replacements.items():
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert count == 1, f"{base.name} has no line matching {pattern!r}"
    return text


class PolicyVersionFactory(factory.Factory[PolicyVersion]):
    """A stored procedure version; creates its provider on first load, as onboarding does.

    `PolicyVersionFactory(slug="unitel", base=BUNDLED_POLICIES_DIR / "unitel.yaml")` amends a
    bundled procedure; the defaults make a new provider per call.
    """

    class Meta:
        model = PolicyVersion

    slug = factory.Sequence(lambda n: f"isp-{n}")
    brand = factory.LazyAttribute(lambda o: f"ISP {o.slug.upper()}")
    version = "2026-03-01"
    effective_from = date(2026, 3, 1)
    base = TEST_POLICY
    loaded_by = "factory"

    @classmethod
    def _create(cls, model_class: type[PolicyVersion], **kwargs: Any) -> PolicyVersion:
        text = policy_text(
            slug=kwargs["slug"],
            brand=kwargs["brand"],
            version=kwargs["version"],
            effective_from=kwargs["effective_from"],
            base=kwargs["base"],
        )
        loaded = policy_version_load(
            text=text, source_name=f"{kwargs['slug']}.yaml", loaded_by=kwargs["loaded_by"]
        )
        return loaded.policy_version

    @classmethod
    def _build(cls, model_class: type[PolicyVersion], **kwargs: Any) -> PolicyVersion:
        raise NotImplementedError("a policy version is only made by loading its file: create()")
