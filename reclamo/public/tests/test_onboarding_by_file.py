"""A fourth provider is onboarded with a policy file alone: contact page and deadlines work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reclamo.providers.services import policy_version_load

MAGYARNET = Path(__file__).resolve().parents[3] / "tests" / "policies" / "magyarnet-hu.yaml"


@pytest.fixture
def magyarnet(db) -> str:  # type: ignore[no-untyped-def]
    result = policy_version_load(
        text=MAGYARNET.read_text(encoding="utf-8"), source_name=MAGYARNET.name
    )
    return result.policy_version.provider.slug


def test_the_new_provider_is_listed_and_has_a_contact_page(client, magyarnet: str) -> None:
    assert f'href="/hu/p/{magyarnet}/"' in client.get("/hu/").content.decode()
    response = client.get(f"/hu/p/{magyarnet}/")
    assert response.status_code == 200
    assert "Osztályok" in response.content.decode()


def test_the_new_provider_answers_deadlines_30_days_after_receipt(client, magyarnet: str) -> None:
    response = client.post(
        f"/api/v1/providers/{magyarnet}/deadline-preview",
        json.dumps(
            {"kind": "complaint", "channel": "letter", "received_at": "2026-11-20T10:00:00+01:00"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    resolution = response.json()["deadlines"]["resolution"]
    # 30 days after 2026-11-20 is Sunday 2026-12-20; the policy rolls to Monday (T-2).
    assert resolution == "2026-12-21T23:59:59+01:00"
