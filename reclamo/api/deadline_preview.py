"""`POST /api/v1/providers/{slug}/deadline-preview` — public, no authentication (api.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema

from reclamo.api.errors import ApiError
from reclamo.api.types import Instant, InstantOrDate, LocalDate
from reclamo.domain.deadlines import Message, Preview, PreviewRequest, preview
from reclamo.domain.policy import (
    Category,
    ChannelKind,
    Complexity,
    FaultLocation,
    Kind,
    Policy,
)
from reclamo.providers.selectors import policy_of, policy_version_in_force, provider_get

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


class DeadlinesOut(Schema):
    internal_target: datetime | None
    resolution: datetime | None
    resolution_extended_max: datetime | None
    deemed_upheld: datetime | None
    repair: datetime | None


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


def governing_policy(slug: str, received_at: datetime) -> Policy:
    """The provider's procedure in force when the case was received (a 404 names the slug)."""
    provider = provider_get(slug=slug)
    version = policy_version_in_force(provider=provider, at=received_at) if provider else None
    if version is None:
        raise ApiError(404, "unknown_provider", f"No provider {slug!r} is set up.", "slug")
    return policy_of(version)


def _message(message: Message | None, policy: Policy, language: str) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "code": message.code,
        "message": message.text(language, policy.default_language),
        "rule": message.rule,
    }


def preview_answer(policy: Policy, answer: Preview, language: str) -> dict[str, Any]:
    """The preview in the API's shape; also the base of the registration answer."""
    deadlines = answer.deadlines
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
        "deadlines": {
            "internal_target": deadlines.internal_target,
            "resolution": deadlines.resolution,
            "resolution_extended_max": deadlines.resolution_extended_max,
            "deemed_upheld": deadlines.deemed_upheld,
            "repair": deadlines.repair,
        },
        "rules": list(answer.rules),
    }


def preview_request(payload: DeadlinePreviewIn) -> PreviewRequest:
    return PreviewRequest(**payload.dict())


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
    policy = governing_policy(slug, payload.received_at)
    answer = preview(policy, preview_request(payload))
    return preview_answer(policy, answer, get_language() or policy.default_language)
