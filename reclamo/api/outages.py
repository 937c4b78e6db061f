"""Outages from a provider's network systems (issue 13): `POST /providers/{slug}/outages`.

Bulk (up to 1,000 outages a request, each with up to 200,000 affected customers) and idempotent
(`Idempotency-Key`, read and fingerprinted as `reclamo.api.idempotency` does for registrations;
the first answer is stored with the import). Every outage whose data or customers changed gets
its consequences in the same transaction: every affected customer's credit, the open cases it
caused linked, and the credits applied without a claim where the policy says so.
"""

from __future__ import annotations

import json
from typing import Annotated

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, own_provider, request_token
from reclamo.api.errors import details_error_body
from reclamo.api.idempotency import HEADER, REPLAYED_HEADER, idempotency_key_read
from reclamo.api.idempotency import request_fingerprint as fingerprint_of
from reclamo.api.types import Instant
from reclamo.billing.csv_rows import Row
from reclamo.billing.imports import ImportRejected
from reclamo.billing.outages import outages_receive
from reclamo.domain.remedies import OutageCause

router = Router(tags=["remedies"])
token_auth = IntegrationTokenAuth()

Reference = Annotated[str, Field(min_length=1, max_length=100)]


class OutageIn(Schema):
    reference: Reference
    started_at: Instant
    ended_at: Instant
    cause: OutageCause
    area: str = Field("", max_length=200)
    description: str = Field("", max_length=5000)
    customers: list[Reference] = Field(
        default_factory=list,
        max_length=200_000,
        description="The references of every customer it affected (all of them: a customer "
        "left out of a repeated outage is no longer affected).",
    )


class OutagesIn(Schema):
    outages: list[OutageIn] = Field(min_length=1, max_length=1000)


class OutageResultOut(Schema):
    reference: str
    credits: int
    total: str
    currency: str
    linked_cases: int
    automatic_credits: int


class OutagesOut(Schema):
    created: int
    updated: int
    unchanged: int
    outages: list[OutageResultOut] = Field(
        description="The outages whose data or customers changed, with their consequences."
    )


def _rows(payload: OutagesIn) -> list[Row]:
    """The outages as the CSV import's rows (one per affected customer), so both entry points
    share one validation; a problem's line is the outage's index in `outages`."""
    rows = []
    for index, outage in enumerate(payload.outages):
        values = {
            "outage_reference": outage.reference,
            "started_at": outage.started_at.isoformat(),
            "ended_at": outage.ended_at.isoformat(),
            "cause": outage.cause,
            "area": outage.area,
            "description": outage.description,
        }
        for customer in outage.customers or [""]:
            rows.append(Row("outages", index, {**values, "customer_reference": customer}))
    return rows


@router.post(
    "/providers/{slug}/outages",
    response={200: OutagesOut},
    auth=token_auth,
    summary="Register outages in bulk: credits, linked cases, automatic credits",
)
def outages_endpoint(request: HttpRequest, slug: str, payload: OutagesIn) -> HttpResponse:
    """Each outage (keyed by its `reference`; sending it again updates it) with every customer
    it affected. A bad request writes nothing and lists every problem in `error.details`
    (`field`: `outages[INDEX].FIELD`). `Idempotency-Key`: a repeat answers the first answer
    with `Idempotent-Replayed: true`; the same key with another body is a 409."""
    provider = own_provider(request, slug)
    key = idempotency_key_read(request.headers.get(HEADER))
    fingerprint = fingerprint_of(json.loads(request.body), request.body)
    try:
        answer = outages_receive(
            provider=provider,
            rows=_rows(payload),
            actor=f"integration:{request_token(request).prefix}",
            key=key,
            fingerprint=fingerprint,
        )
    except ImportRejected as rejected:
        details = [
            {
                "code": "invalid_outage",
                "message": f"outages[{p.line}].{p.field}: {p.message}",
                "field": f"outages[{p.line}].{p.field}",
            }
            for p in rejected.problems
        ]
        return JsonResponse(details_error_body(details), status=422)
    response = JsonResponse(answer.body, status=answer.status)
    if answer.replayed:
        response[REPLAYED_HEADER] = "true"
    return response
