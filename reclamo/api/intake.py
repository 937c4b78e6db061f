"""Intake from other systems (api.md): a mail server hands over an email, a phone system records
a call. Both answer for the token's own provider only (another provider's slug is a `404`), and
both keep what arrived in the intake log before reading it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router, Schema
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, own_provider, request_token
from reclamo.api.bodies import Received
from reclamo.api.cases import RegistrationOut
from reclamo.api.complaints import intake_once, intake_payload_read, registered_answer
from reclamo.api.errors import ErrorOut
from reclamo.api.idempotency import StoredAnswer, idempotency_openapi
from reclamo.api.openapi import json_request_body
from reclamo.api.types import Instant
from reclamo.complaints.events import Actor
from reclamo.complaints.models import IntakeRecord
from reclamo.domain.vocabulary import Category, FaultLocation
from reclamo.intake.mail import email_receive
from reclamo.intake.phone import Call, call_register
from reclamo.providers.models import Provider

router = Router(tags=["intake"])
token_auth = IntegrationTokenAuth()


class InboundEmailOut(Schema):
    number: str | None
    outcome: str


_RFC822_BODY = {
    "requestBody": {
        "required": True,
        "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post(
    "/providers/{slug}/inbound-email",
    response={
        200: InboundEmailOut,
        201: InboundEmailOut,
        400: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    auth=token_auth,
    openapi_extra=_RFC822_BODY,
    summary="Hand over an email that arrived at one of the provider's addresses",
)
def inbound_email(request: HttpRequest, slug: str, recipient: str = "") -> HttpResponse:
    """The raw message as the body (`Content-Type: message/rfc822`). `recipient` (the envelope
    recipient) chooses the department (PN-3), else Delivered-To, X-Original-To, or the first
    To/Cc address the policy names. `201 registered`, `200 joined | duplicate | ignored`
    (auto-replies and bounces), `422` where the procedure refuses email for the kind (PC-2; the
    sender is answered) or an attachment breaks the limits, `400` for a message that cannot be
    parsed, `413` for one over the size limit. Everything stays in the intake log."""
    provider = own_provider(request, slug)
    limit: int = settings.RECLAMO_EMAIL_MAX_BYTES
    # Read from the stream: request.body would refuse anything over the form upload limit.
    raw = request.read(limit + 1)
    outcome = email_receive(
        provider=provider,
        raw=raw[:limit],
        source_label=request_token(request).prefix,
        recipient=recipient[:320].replace("\x00", ""),
        truncated=len(raw) > limit,
    )
    return JsonResponse(outcome.answer(), status=outcome.status)


class CallIn(Schema):
    caller: str = Field(
        min_length=1, max_length=40, description='"+421 948 031 942" or "0948031942"'
    )
    menu_digit: str | None = Field(None, pattern=r"^[0-9*#]$")
    started_at: Instant
    kind: str = Field(pattern=r"^(fault_report|complaint|request)$")
    note: str = Field("", max_length=10_000)
    # Additions (docs/api-additions.md): what the operator or the menu learnt.
    category: Category | None = None
    name: str = Field("", max_length=200)
    reference: str = Field("", max_length=100)
    fault_location: FaultLocation | None = None
    fault_started_at: Instant | None = None


@router.post(
    "/providers/{slug}/calls",
    response={201: RegistrationOut, 409: ErrorOut, 422: ErrorOut},
    auth=token_auth,
    openapi_extra={
        **json_request_body(CallIn),
        **idempotency_openapi(once="records the call", earlier="call record"),
    },
    summary="Record a call taken by the phone system",
)
def call_record(request: HttpRequest, slug: str) -> HttpResponse:
    """The caller's number is read in the provider's country (E.164) and matched to a customer;
    the menu digit chooses the department (PN-3). `201` with the registered case, its
    `treated_as` and the `notice` where the procedure says so (UN-1, UN-7).
    `Idempotency-Key` as on the registration endpoint: a phone system that got no answer sends
    the call again with the same key and it is recorded once."""
    provider = own_provider(request, slug)
    return intake_once(
        request,
        provider,
        channel="phone",
        process=lambda intake, received: _call_record(request, provider, intake, received),
    )


def _call_record(
    request: HttpRequest, provider: Provider, intake: IntakeRecord, received: Received
) -> StoredAnswer:
    data = intake_payload_read(intake, received, CallIn)
    if isinstance(data, StoredAnswer):
        return data
    call = Call(
        caller=data.caller,
        started_at=data.started_at,
        kind=data.kind,
        menu_digit=data.menu_digit or "",
        category=data.category,
        note=data.note,
        name=data.name,
        reference=data.reference,
        fault_location=data.fault_location,
        fault_started_at=data.fault_started_at,
    )
    return registered_answer(
        intake,
        lambda answer: call_register(
            provider=provider,
            call=call,
            actor=Actor.integration(request_token(request).prefix),
            intake=intake,
            answer=answer,
        ),
    )
