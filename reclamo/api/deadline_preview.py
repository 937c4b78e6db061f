"""`POST /api/v1/providers/{slug}/deadline-preview` — public, no authentication (api.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from pydantic import create_model

from reclamo.api.errors import ApiError
from reclamo.api.types import Instant, InstantOrDate, LocalDate
from reclamo.domain.deadlines import CaseFacts, IntakeDecision, Message, preview
from reclamo.domain.policy import (
    Category,
    ChannelKind,
    Complexity,
    FaultLocation,
    Kind,
    Policy,
)
from reclamo.domain.vocabulary import CLOCKS
from reclamo.providers.selectors import policy_in_force, policy_of, provider_get

router = Router(tags=["deadlines"])


class DeadlinePreviewIn(Schema):
    kind: Kind
    channel: ChannelKind
    received_at: Instant
    category: Category | None = None
    department: str | None = None
    complexity: Complexity | None = None
    fault_location: FaultLocation | None = None
    fault_started_at: Instant | None = None
    defect_discovered_at: InstantOrDate | None = None
    invoice_delivered_at: LocalDate | None = None
    service_restored_at: Instant | None = None


class PolicyRef(Schema):
    provider: str
    version: str


class MessageOut(Schema):
    code: str
    message: str
    rule: str | None = None


class FilingOut(Schema):
    last_day: date
    in_time: bool
    rule: str
    # Extension of api.md: where last_day is not a working day, T-2 lets the customer file on
    # this day still (in_time is judged against it); null otherwise.
    rolled_to: date | None = None


# The contract's `deadlines` object: every clock of the vocabulary as a key, null where the case
# has none. Built from CLOCKS here and in deadlines_answer(), so a new clock needs no edit.
_DEADLINE_FIELDS: dict[str, Any] = {clock: (datetime | None, ...) for clock in CLOCKS}
DeadlinesOut = create_model("DeadlinesOut", __base__=Schema, **_DEADLINE_FIELDS)


def deadlines_answer(decision: IntakeDecision) -> dict[str, datetime | None]:
    """The decision's deadline records as the contract's `deadlines` object."""
    return {clock: decision.due_at(clock) for clock in CLOCKS}


class DeadlinePreviewOut(Schema):
    policy: PolicyRef
    accepted: bool
    refusal: MessageOut | None
    treated_as: str | None
    notice: MessageOut | None
    department: str | None
    filing: FilingOut | None
    deadlines: DeadlinesOut
    rules: list[str]


def _message(message: Message | None, policy: Policy, language: str) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "code": message.code,
        "message": message.text(language, policy.default_language),
        "rule": message.rule,
    }


def preview_answer(policy: Policy, answer: IntakeDecision, language: str) -> dict[str, Any]:
    """The preview in the API's shape; also the base of the registration answer."""
    return {
        "policy": {"provider": answer.provider, "version": answer.version},
        "accepted": answer.accepted,
        "refusal": _message(answer.refusal, policy, language),
        "treated_as": answer.treated_as,
        "notice": _message(answer.notice, policy, language),
        "department": answer.department,
        "filing": (
            {
                "last_day": answer.filing.last_day,
                "in_time": answer.filing.in_time,
                "rule": answer.filing.rule,
                "rolled_to": answer.filing.rolled_to,
            }
            if answer.filing
            else None
        ),
        "deadlines": deadlines_answer(answer),
        "rules": list(answer.rules),
    }


def case_facts(payload: DeadlinePreviewIn) -> CaseFacts:
    """The case's facts; a registration's customer and words are not facts the clocks read."""
    return CaseFacts(**payload.model_dump(include=set(DeadlinePreviewIn.model_fields)))


@router.post(
    "/providers/{slug}/deadline-preview",
    response=DeadlinePreviewOut,
    auth=None,
    summary="What registering this case would decide, without saving anything",
)
def deadline_preview(request: HttpRequest, slug: str, payload: DeadlinePreviewIn) -> dict[str, Any]:
    """Accepted or refused on this channel (PC-2), treated as what (UN-1), routed where (PN-1),
    the filing window, and every deadline, answered in the provider's local offset (T-6).

    Messages are in the request's language (`Accept-Language`) where the policy has it, else in
    the provider's default language.
    """
    provider = provider_get(slug=slug)
    if provider is None:
        raise ApiError(404, "unknown_provider", f"No provider {slug!r} is set up.", "slug")
    # ApplicationError (no_policy_in_force, out_of_range) becomes a 422 in the error handlers.
    policy = policy_of(policy_in_force(provider=provider, at=payload.received_at))
    answer = preview(policy, case_facts(payload))
    return preview_answer(policy, answer, get_language() or policy.default_language)
