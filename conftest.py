"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture
def bundled_providers(db):  # type: ignore[no-untyped-def]
    """The three bundled providers with their procedures loaded, as `reclamo serve` does."""
    from reclamo.providers.models import Provider
    from reclamo.providers.services import bundled_policies_load

    bundled_policies_load()
    return {provider.slug: provider for provider in Provider.objects.all()}
