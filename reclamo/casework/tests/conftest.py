from __future__ import annotations

import pytest

from reclamo.console.tests.conftest import case_register  # noqa: F401  (re-exported helper)


@pytest.fixture
def petrocomp(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["petrocomp"]


@pytest.fixture
def pronet(bundled_providers):  # type: ignore[no-untyped-def]
    return bundled_providers["pronet"]
