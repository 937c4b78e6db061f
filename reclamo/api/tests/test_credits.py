"""`GET /api/v1/providers/{slug}/credits`: the applied remedies' lines for the billing system,
keyset-paginated, one provider's only, in a constant number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reclamo.api.tests.conftest import Integration
from reclamo.billing.models import AppliedRemedy, Outage, RemedyLine
from reclamo.customers.models import Customer
from reclamo.providers.models import Provider

pytestmark = pytest.mark.django_db
CREDITS = "/api/v1/providers/{slug}/credits"
T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)


def applied_credits(provider: Provider, count: int, *, start: datetime = T0) -> None:
    outage = Outage.objects.create(
        provider=provider,
        reference=f"OUT-{provider.slug}",
        started_at=start - timedelta(days=3),
        ended_at=start - timedelta(days=1),
        cause="provider_equipment",
    )
    for n in range(count):
        customer = Customer.objects.create(
            provider=provider, reference=f"{provider.slug}-{n}", name=f"C {n}", language="sk"
        )
        remedy = AppliedRemedy.objects.create(
            provider=provider,
            customer=customer,
            outage=outage,
            kind="outage_credit",
            method="credit_schedule",
            computed_amount=Decimal("1.50"),
            amount=Decimal("1.50"),
            currency="EUR",
            rules="PC-6,PC-7",
            applied_at=start,
            applied_by="system",
        )
        RemedyLine.objects.create(
            remedy=remedy,
            provider=provider,
            sequence=1,
            method="credit_schedule",
            amount=Decimal("1.50"),
            currency="EUR",
            due_on=date(2026, 12, 1),
            recorded_at=start + timedelta(minutes=n),
        )


def test_credits_are_paged_oldest_first_and_every_line_is_listed_once(
    petrocomp: Integration, bundled_providers: dict[str, Provider]
) -> None:
    applied_credits(bundled_providers["petrocomp"], 5)
    applied_credits(bundled_providers["unitel"], 2)
    seen: list[dict[str, Any]] = []
    query: dict[str, Any] = {"limit": 2, "since": "2026-11-20T10:00:00+01:00"}
    while True:
        answer = petrocomp.client.get(CREDITS.format(slug="petrocomp"), query)
        assert answer.status_code == 200, answer.content
        body = answer.json()
        seen += body["items"]
        if body["next"] is None:
            break
        query["cursor"] = body["next"]
    assert [item["customer_reference"] for item in seen] == [f"petrocomp-{n}" for n in range(5)]
    first = seen[0]
    assert first | {"id": 0} == {
        "id": 0,
        "recorded_at": "2026-11-20T10:00:00+01:00",
        "customer_reference": "petrocomp-0",
        "remedy": "outage_credit",
        "method": "credit_schedule",
        "amount": "1.50",
        "currency": "EUR",
        "due_on": "2026-12-01",
        "invoice_number": "",
        "case_number": None,
        "outage_reference": "OUT-petrocomp",
        "rules": ["PC-6", "PC-7"],
    }
    later = petrocomp.client.get(
        CREDITS.format(slug="petrocomp"), {"since": "2026-11-20T09:03:00Z"}
    ).json()
    assert [item["customer_reference"] for item in later["items"]] == [
        "petrocomp-3",
        "petrocomp-4",
    ]


def test_another_providers_token_gets_a_404_and_no_token_a_401(
    unitel: Integration, bundled_providers: dict[str, Provider]
) -> None:
    applied_credits(bundled_providers["petrocomp"], 1)
    assert unitel.client.get(CREDITS.format(slug="petrocomp")).status_code == 404
    assert Client().get(CREDITS.format(slug="petrocomp")).status_code == 401
    assert unitel.client.get(CREDITS.format(slug="unitel")).json() == {"items": [], "next": None}


@pytest.mark.parametrize(
    "query",
    [{"since": "2026-11-20T10:00:00"}, {"cursor": "not-a-cursor"}, {"limit": 0}],
)
def test_bad_input_is_a_422(petrocomp: Integration, query: dict[str, Any]) -> None:
    answer = petrocomp.client.get(CREDITS.format(slug="petrocomp"), query)
    assert answer.status_code == 422, answer.content
    assert answer.json()["error"]["code"]


def test_a_page_costs_the_same_queries_whatever_its_size(
    petrocomp: Integration, bundled_providers: dict[str, Provider]
) -> None:
    applied_credits(bundled_providers["petrocomp"], 30)
    petrocomp.client.get(CREDITS.format(slug="petrocomp"))  # the policy parsed, caches warm
    counts = []
    for limit in (3, 30):
        with CaptureQueriesContext(connection) as queries:
            answer = petrocomp.client.get(CREDITS.format(slug="petrocomp"), {"limit": limit})
        assert len(answer.json()["items"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1]
