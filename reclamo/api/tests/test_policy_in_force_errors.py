"""The preview refuses instants it cannot answer for with 422 and a code, never a 500."""

from __future__ import annotations

import json

import pytest


def _preview(client, slug: str, received_at: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/providers/{slug}/deadline-preview",
        json.dumps({"kind": "complaint", "channel": "letter", "received_at": received_at}),
        content_type="application/json",
    )


@pytest.mark.parametrize(
    ("received_at", "code"),
    [
        ("2014-12-31T23:59:00+01:00", "no_policy_in_force"),  # PETROCOMP's starts 2015-01-01
        ("9999-12-31T23:30:00+00:00", "out_of_range"),
        ("0001-01-01T00:00:00+05:00", "out_of_range"),
    ],
)
def test_instants_the_procedures_cannot_answer_for_are_422(
    client, bundled_providers, received_at: str, code: str
) -> None:
    response = _preview(client, "petrocomp", received_at)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["field"] == "received_at"


def test_an_unknown_slug_stays_404(client, db) -> None:
    response = _preview(client, "nobody", "2026-11-20T10:00:00+01:00")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_provider"
