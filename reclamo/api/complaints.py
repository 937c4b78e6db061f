"""The register over HTTP (api.md "Registering"): register a case, read one, list the register.

Every route answers for the token's own provider only. A slug or a case number of another
provider answers `404` exactly as one that does not exist: a token never learns that another
provider, or its case, exists.

Registering stores the raw body in the intake log **before** reading it, so every submission —
registered, refused (PC-2) or unreadable — stays there with the answer it got.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import pydantic
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import NinjaJSONEncoder
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, own_provider, request_token
from reclamo.api.bodies import Received, request_body_receive
from reclamo.api.cases import (
    CaseWithEventsOut,
    RegisterOut,
    RegistrationIn,
    RegistrationOut,
    case_answer,
    current_deadlines,
    event_answer,
)
from reclamo.api.deadline_preview import case_facts, preview_answer
from reclamo.api.errors import (
    ApiError,
    ErrorOut,
    api_error_body,
    status_error_body,
    validation_error_body,
)
from reclamo.api.idempotency import (
    HEADER,
    REPLAYED_HEADER,
    Reclaimed,
    StoredAnswer,
    first_answer,
    idempotency_key_read,
    idempotency_openapi,
)
from reclamo.api.openapi import json_request_body
from reclamo.api.types import LocalDate
from reclamo.complaints.events import Actor
from reclamo.complaints.models import IntakeRecord
from reclamo.complaints.selectors import RegisterFilters, complaint_get, complaint_register_page
from reclamo.complaints.services import (
    CustomerContact,
    Registration,
    Submission,
    complaint_register,
    intake_record_close,
    intake_record_open,
)
from reclamo.domain.policy import Kind
from reclamo.domain.vocabulary import CaseStatus
from reclamo.errors import ApplicationError
from reclamo.providers.models import PolicyVersion, Provider
from reclamo.providers.selectors import policy_in_force

router = Router(tags=["register"])
token_auth = IntegrationTokenAuth()

# The preview's facts that go into the case (CaseFacts), as opposed to who and what is said.
_PREVIEW_FIELDS = ("policy", "accepted", "refusal", "notice", "filing", "rules")
Department = Annotated[str, Field(max_length=50, pattern=r"^[A-Za-z0-9_-]+$")]


def _json_ready(model: type[pydantic.BaseModel], answer: dict[str, Any]) -> dict[str, Any]:
    """The answer as the JSON ninja would send for ``model``: the form stored for a replay."""
    dumped = model.model_validate(answer).model_dump()
    return json.loads(json.dumps(dumped, cls=NinjaJSONEncoder))  # type: ignore[no-any-return]


def registration_answer(registration: Registration, language: str) -> dict[str, Any]:
    """The `201`: the case as registered plus the preview's fields."""
    decision, policy = registration.decision, registration.policy
    case = case_answer(
        registration.complaint,
        deadlines={deadline.clock: deadline.due_at for deadline in decision.deadlines},
        time_zone=policy.time_zone,
    )
    preview = preview_answer(policy, decision, language)
    return _json_ready(
        RegistrationOut, {**case, **{field: preview[field] for field in _PREVIEW_FIELDS}}
    )


def stored_response(answer: StoredAnswer, *, replayed: bool = False) -> HttpResponse:
    response = JsonResponse(answer.body, status=answer.status)
    if replayed:
        response[REPLAYED_HEADER] = "true"
    return response


def intake_answer_close(
    intake: IntakeRecord, outcome: str, status: int, body: dict[str, Any]
) -> StoredAnswer:
    """Store ``body`` as the answer to ``intake`` and close its record with ``outcome``."""
    error = body.get("error") or {}
    intake_record_close(
        intake=intake,
        outcome=outcome,
        code=str(error.get("code", "")),
        message=str(error.get("message", "")),
        complaint=intake.complaint,
        response_status=status,
        response_body=body,
    )
    return StoredAnswer(status, body)


def _intake_open(
    request: HttpRequest, provider: Provider, channel: str, received: Received, key: str | None
) -> IntakeRecord:
    return intake_record_open(
        provider=provider,
        channel=channel,
        received_at=timezone.now(),
        source_label=request_token(request).prefix,
        payload=received.payload,
        payload_text=received.text,
        content_type=(request.content_type or "").replace("\x00", ""),
        idempotency_key=key,
        request_fingerprint=received.fingerprint,
    )


Payload = TypeVar("Payload", bound=pydantic.BaseModel)


def intake_payload_read(
    intake: IntakeRecord, received: Received, schema: type[Payload]
) -> Payload | StoredAnswer:
    """The stored submission read as ``schema``; a body that cannot be read, or that ``schema``
    refuses (422), is answered instead: the answer is stored on ``intake``, closed as failed."""
    if received.problem is not None:
        return intake_answer_close(
            intake, "failed", received.problem.status, api_error_body(received.problem)
        )
    try:
        return schema.model_validate(received.payload)
    except pydantic.ValidationError as error:
        # pydantic names at least one problem; the bare 422 only keeps the body total.
        body = validation_error_body(error.errors()) or status_error_body(422)
        return intake_answer_close(intake, "failed", 422, body)


def _register(
    request: HttpRequest, provider: Provider, intake: IntakeRecord, received: Received
) -> StoredAnswer:
    """Read, decide and register a stored submission; its answer is stored on ``intake``."""
    data = intake_payload_read(intake, received, RegistrationIn)
    if isinstance(data, StoredAnswer):
        return data
    customer = data.customer
    submission = Submission(
        facts=case_facts(data),
        customer=CustomerContact(
            name=customer.name,
            email=customer.email,
            phone=customer.phone,
            reference=customer.reference,
            language=customer.language or "",
        ),
        subject=data.subject,
        body=data.body,
    )
    return registered_answer(
        intake,
        lambda answer: complaint_register(
            provider=provider,
            submission=submission,
            actor=Actor.integration(request_token(request).prefix),
            intake=intake,
            answer=answer,
        ),
    )


AnswerBuilder = Callable[[Registration], dict[str, Any]]


def registered_answer(
    intake: IntakeRecord, register: Callable[[AnswerBuilder], object]
) -> StoredAnswer:
    """Run ``register`` with the builder of the `201` (stored with the case, in the caller's
    language); a refusal (PC-2, UN-1) or failure it recorded on ``intake`` becomes the answer."""
    answered: list[dict[str, Any]] = []

    def answer(registration: Registration) -> dict[str, Any]:
        language = get_language() or registration.policy.default_language
        answered.append(registration_answer(registration, language))
        return answered[-1]

    try:
        register(answer)
    except ApplicationError as error:
        outcome = intake.outcome if intake.outcome in {"refused", "failed"} else "failed"
        return intake_answer_close(intake, outcome, error.status, api_error_body(error))
    return StoredAnswer(201, answered[-1])


@router.post(
    "/providers/{slug}/complaints",
    response={201: RegistrationOut, 409: ErrorOut, 422: ErrorOut},
    auth=token_auth,
    openapi_extra={
        **json_request_body(RegistrationIn),
        **idempotency_openapi(once="registers", earlier="request"),
    },
    summary="Register a case",
)
def complaint_register_endpoint(request: HttpRequest, slug: str) -> HttpResponse:
    """Register a case in the provider's register under the procedure in force at receipt.

    `201` once the case is committed, with its number, deadlines and the preview's decision;
    `422` with the refusal where the procedure refuses the channel (PC-2). Either way the
    submission stays in the intake log. `Idempotency-Key`: see the header's description; a
    replayed answer carries `Idempotent-Replayed: true`, a reused key with another body is a
    `409 idempotency_key_reused`.
    """
    provider = own_provider(request, slug)
    return intake_once(
        request,
        provider,
        channel="api",
        process=lambda intake, received: _register(request, provider, intake, received),
    )


def intake_once(
    request: HttpRequest,
    provider: Provider,
    *,
    channel: str,
    process: Callable[[IntakeRecord, Received], StoredAnswer],
) -> HttpResponse:
    """Keep the request in the intake log of ``channel`` before anything else, then answer it
    with ``process`` — once per `Idempotency-Key`: a repeat of an answered request is replayed
    (`Idempotent-Replayed: true`), a reused key with another body is a 409 kept keyless in the
    log, and a request whose first attempt died is processed by the repeat."""
    received = request_body_receive(request)
    try:
        key = idempotency_key_read(request.headers.get(HEADER))
    except ApiError as problem:
        key, received = None, Received(received.payload, received.text, "", problem)
    try:
        intake = _intake_open(request, provider, channel, received, key)
    except IntegrityError:
        # The key is taken: by an earlier request, or by one arriving at the same moment. Trying
        # the insert first spares every new request a look-up.
        if key is None:  # only a given key is unique: this is another failure
            raise
        try:
            earlier = first_answer(provider=provider, key=key, fingerprint=received.fingerprint)
        except ApiError as conflict:
            if conflict.code == "idempotency_key_reused":  # another request: kept, keyless
                refused = _intake_open(request, provider, channel, received, None)
                intake_answer_close(refused, "refused", conflict.status, api_error_body(conflict))
            raise
        if earlier is None:  # the other request's record is gone: it was rolled back
            raise
        if not isinstance(earlier, Reclaimed):
            return stored_response(earlier, replayed=True)
        # The first request died before answering: this one processes its submission.
        intake = earlier.intake
    try:
        answer = process(intake, received)
    except Exception:
        # A bug must not leave the key "being processed" for ever: the failure is the answer.
        intake_answer_close(intake, "failed", 500, status_error_body(500))
        raise
    return stored_response(answer)


def _register_zone(provider: Provider) -> str:
    """The zone the register is read in: that of the procedure in force today (T-6)."""
    try:
        return policy_in_force(provider=provider, at=timezone.now()).time_zone
    except ApplicationError:
        first = PolicyVersion.objects.filter(provider=provider).order_by("effective_from").first()
        return first.time_zone if first is not None else "UTC"


@router.get(
    "/providers/{slug}/complaints",
    response=RegisterOut,
    auth=token_auth,
    summary="The register, oldest first (PC-14)",
)
def complaint_register_list(
    request: HttpRequest,
    slug: str,
    status: CaseStatus | None = None,
    department: Department | None = None,
    kind: Kind | None = None,
    received_from: LocalDate | None = None,
    received_to: LocalDate | None = None,
    limit: int = 50,
    cursor: Annotated[str, Field(max_length=400)] | None = None,
) -> dict[str, Any]:
    """Every case of the provider ordered by `received_at` then `number`; `received_from` and
    `received_to` are the provider's local dates, inclusive; `limit` 1–500; `cursor` is the
    previous page's `next` (keyset: a page costs the same at any depth)."""
    provider = own_provider(request, slug)
    zone = _register_zone(provider)
    page = complaint_register_page(
        provider=provider,
        filters=RegisterFilters(
            status=status,
            department=department,
            kind=kind,
            received_from=received_from,
            received_to=received_to,
        ),
        cursor=cursor,
        limit=limit,
        time_zone=zone,
    )
    items = [
        case_answer(
            complaint,
            deadlines=current_deadlines(complaint.current_deadlines),  # type: ignore[attr-defined]
            time_zone=zone,
        )
        for complaint in page.items
    ]
    return {"items": items, "next": page.next}


@router.get(
    "/complaints/{number}",
    response=CaseWithEventsOut,
    auth=token_auth,
    summary="One case with its history",
)
def complaint_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    """The case with its deadlines and its events, oldest first; the token's provider only."""
    provider: Provider = request.auth  # type: ignore[attr-defined]
    complaint = None
    if "\x00" not in number:
        complaint = complaint_get(provider=provider, number=number, with_events=True)
    if complaint is None:
        raise ApiError(404, "unknown_complaint", _("No case with this number."), "number")
    zone = complaint.policy_version.time_zone
    return {
        **case_answer(
            complaint,
            deadlines=current_deadlines(complaint.current_deadlines),  # type: ignore[attr-defined]
            time_zone=zone,
        ),
        "events": [
            event_answer(event, time_zone=zone)
            for event in complaint.event_list  # type: ignore[attr-defined]
        ],
    }
