"""The data migration that copies each stored version's time zone out of its file."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reclamo.providers.services import BUNDLED_POLICIES_DIR

BEFORE = [("providers", "0002_policyversion_time_zone")]
AFTER = [("providers", "0003_fill_policyversion_time_zone")]


@pytest.mark.django_db(transaction=True)
def test_existing_versions_get_the_time_zone_of_their_file() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    provider = apps.get_model("providers", "Provider").objects.create(slug="pronet", name="ProNET")
    version = apps.get_model("providers", "PolicyVersion").objects.create(
        provider=provider,
        version="2026-01-01",
        effective_from=date(2026, 1, 1),
        source_name="pronet.yaml",
        source_text=(BUNDLED_POLICIES_DIR / "pronet.yaml").read_text(encoding="utf-8"),
        checksum="x",
    )
    assert version.time_zone == "UTC"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    migrated = apps.get_model("providers", "PolicyVersion").objects.get(pk=version.pk)
    assert migrated.time_zone == "Europe/Bucharest"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
