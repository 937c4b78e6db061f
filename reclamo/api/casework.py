"""Case actions over HTTP (api.md "Case actions"): extend the resolution period (UN-9), decide
and issue the written statement, download the statement as PDF. The token's provider only:
another provider's case number answers 404 as one that does not exist."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, request_token
from reclamo.api.cases import CaseOut, case_answer, current_deadlines
from reclamo.api.errors import ApiError, ErrorOut
from reclamo.api.openapi import json_request_body
from reclamo.api.types import Instant
from reclamo.casework.models import Statement
from reclamo.casework.selectors import statement_of
from reclamo.casework.services import complaint_decide, complaint_extend
from reclamo.casework.statement import statement_filename, statement_pdf
from reclamo.complaints.events import Actor
from reclamo.complaints.models import Complaint
from reclamo.complaints.selectors import complaint_get
from reclamo.providers.models import Provider

router = Router(tags=["case actions"])
token_auth = IntegrationTokenAuth()


class ExtensionIn(Schema):
    days: int = Field(gt=0, le=3650, description="Days added to the resolution period (UN-9).")
    reason: str = Field(max_length=2000, description="Why; the customer is told.")


class DecisionIn(Schema):
    outcome: Literal["upheld", "partially_upheld", "rejected", "withdrawn"]
    reasons: str = Field("", max_length=20_000)
    remedy: dict[str, Any] | None = None
    sent_at: Instant | None = Field(
        None, description="When the statement was sent (the procedure's end); default now."
    )
    out_of_order_reason: str = Field(
        "",
        max_length=2000,
        description="PC-14: why this case is decided before an older open one of its queue "
        "(an addition; without it the reasons are recorded as the why).",
    )


class StatementOut(Schema):
    url: str
    sent_at: Any


class DecidedCaseOut(CaseOut):
    statement: StatementOut


def _case(request: HttpRequest, number: str) -> Complaint:
    provider: Provider = request.auth  # type: ignore[attr-defined]
    complaint = None
    if "\x00" not in number:
        complaint = complaint_get(provider=provider, number=number)
    if complaint is None:
        raise ApiError(404, "unknown_complaint", _("No case with this number."), "number")
    return complaint


def _answer(number: str, provider: Provider) -> dict[str, Any]:
    complaint = complaint_get(provider=provider, number=number)
    assert complaint is not None  # noqa: S101 - just changed, same provider
    zone = complaint.policy_version.time_zone
    return case_answer(
        complaint,
        deadlines=current_deadlines(complaint.current_deadlines),  # type: ignore[attr-defined]
        time_zone=zone,
    )


def _statement_answer(statement: Statement, complaint: Complaint) -> dict[str, Any]:
    from reclamo.domain.calendar import get_zone

    zone = get_zone(complaint.policy_version.time_zone)
    return {
        "url": f"/api/v1/complaints/{complaint.number}/statement.pdf",
        "sent_at": statement.sent_at.astimezone(zone) if statement.sent_at else None,
    }


@router.post(
    "/complaints/{number}/extension",
    response={200: CaseOut, 409: ErrorOut, 422: ErrorOut},
    auth=token_auth,
    openapi_extra=json_request_body(ExtensionIn),
    summary="Extend the resolution period (UN-9)",
)
def complaint_extension(request: HttpRequest, number: str, data: ExtensionIn) -> dict[str, Any]:
    """Once, before the first deadline, up to the procedure's limit, with a reason; the customer
    is sent the notice. `409` with `extension_already_used`, `extension_too_late`,
    `extension_too_long` or `extension_not_allowed`."""
    complaint = _case(request, number)
    complaint_extend(
        complaint=complaint,
        actor=Actor.integration(request_token(request).prefix),
        days=data.days,
        reason=data.reason,
    )
    return _answer(complaint.number, complaint.provider)


@router.post(
    "/complaints/{number}/decision",
    response={200: DecidedCaseOut, 409: ErrorOut, 422: ErrorOut},
    auth=token_auth,
    openapi_extra=json_request_body(DecisionIn),
    summary="Decide and issue the written statement",
)
def complaint_decision(request: HttpRequest, number: str, data: DecisionIn) -> dict[str, Any]:
    """Records the outcome and issues the written statement (emailed with the PDF, or marked
    printed for post); `sent_at` is the procedure's end (UN-11, PC-15). `409` for a case
    already decided."""
    complaint = _case(request, number)
    statement = complaint_decide(
        complaint=complaint,
        actor=Actor.integration(request_token(request).prefix),
        outcome=data.outcome,
        reasons=data.reasons,
        remedy=data.remedy,
        sent_at=data.sent_at,
        # PC-14 through the API: the integration's reasons are recorded as the why.
        out_of_order_reason=data.out_of_order_reason
        or data.reasons
        or _("decided through the API"),
    )
    answer = _answer(complaint.number, complaint.provider)
    return {**answer, "statement": _statement_answer(statement, complaint)}


@router.get(
    "/complaints/{number}/statement.pdf",
    response={200: None, 404: ErrorOut},
    auth=token_auth,
    summary="The written statement as a PDF letter",
)
def complaint_statement_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """The statement in the customer's language; `404` until the case is decided."""
    complaint = _case(request, number)
    statement = statement_of(complaint=complaint)
    if statement is None:
        raise ApiError(404, "no_statement", _("This case has no written statement yet."), "number")
    response = HttpResponse(statement_pdf(complaint, statement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{statement_filename(complaint)}"'
    return response
