"""`POST /api/v1/providers/{slug}/outages`: outages in bulk, idempotent (`Idempotency-Key`),
every problem of a bad request listed, another provider's slug a 404."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reclamo.api.tests.conftest import Integration
from reclamo.billing.models import BillingEvent, Outage, OutageCredit
from reclamo.billing.tests.test_credits import outage_with_customers

pytestmark = pytest.mark.django_db
OUTAGES = "/api/v1/providers/{slug}/outages"


def outage_body(**changes: Any) -> dict[str, Any]:
    outage = {
        "reference": "NET-2026-117",
        "started_at": "2026-11-29T10:00:00+01:00",
        "ended_at": "2026-12-02T12:00:00+01:00",
        "cause": "provider_non_technical",
        "area": "Bratislava-Petržalka",
        "customers": ["C0", "C1"],
    }
    outage.update(changes)
    return {"outages": [outage]}


def test_the_api_imports_outages_idempotently(petrocomp: Integration, unitel: Integration) -> None:
    outage_with_customers(petrocomp.provider, ["15.00", "30.00"])
    url = OUTAGES.format(slug="petrocomp")

    def post(body: Any, key: str | None = "k-1", slug: str = "petrocomp") -> Any:
        headers = {"Idempotency-Key": key} if key else {}
        return petrocomp.client.post(
            OUTAGES.format(slug=slug),
            json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    first = post(outage_body())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "outages": [
            {
                "reference": "NET-2026-117",
                "credits": 2,
                "total": "4.50",
                "currency": "EUR",
                "linked_cases": 0,
                "automatic_credits": 0,
            }
        ],
    }
    events = BillingEvent.objects.count()
    again = post(outage_body())
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert BillingEvent.objects.count() == events
    assert post(outage_body(area="Other")).status_code == 409
    bad = post(
        outage_body(customers=["C0", "NOPE"], ended_at="2026-11-28T10:00:00+01:00"), key="k-2"
    )
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert fields == {"outages[0].customer_reference", "outages[0].ended_at"}
    assert Outage.objects.filter(area="Bratislava-Petržalka").count() == 1
    assert OutageCredit.objects.count() == 2
    naive = post(outage_body(started_at="2026-11-29T10:00:00"), key="k-3")
    assert naive.status_code == 422
    other = unitel.client.post(url, json.dumps(outage_body()), content_type="application/json")
    assert other.status_code == 404
