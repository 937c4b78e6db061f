"""How a case ends: the order cases are handled in, how the result reaches the customer, and
where the customer can turn after a negative answer (PN-9)."""

from __future__ import annotations

from typing import Literal

from reclamo.domain.policy.fields import (
    EmailAddressText,
    LocalizedText,
    NonEmptyText,
    PolicyModel,
    RuleId,
    Slug,
    Url,
)
from reclamo.domain.policy.identity import Address
from reclamo.domain.policy.periods import Period


class EscalationBody(PolicyModel):
    slug: Slug
    kind: Literal["regulator", "consumer_authority", "adr", "court"]
    name: LocalizedText
    address: Address | None = None
    email: EmailAddressText | None = None
    web: Url | None = None
    phone: NonEmptyText | None = None
    fax: NonEmptyText | None = None
    # How long after the result the customer may turn to this body (Slovakia: a proposal for
    # alternative dispute resolution to the regulator within 45 days); the written statement
    # names the last day. ``within_rule`` cites where the period comes from.
    within: Period | None = None
    within_rule: NonEmptyText | None = None
    # Where a body is not named by the procedure but added so a negative answer tells the
    # customer where to turn, the note says so.
    note: LocalizedText | None = None


class Escalation(PolicyModel):
    rule: RuleId | None = None
    # Carried by every negative or partial answer (PN-9).
    notice: LocalizedText
    bodies: list[EscalationBody]


class CaseHandling(PolicyModel):
    rule: RuleId | None = None
    # PC-14: resolve in the order received; resolving out of order needs a recorded reason.
    order: Literal["first_in_first_out", "free"] = "free"


class Outcome(PolicyModel):
    """How the result reaches the customer (PN-7, UN-12, PC-15) and when the procedure ends."""

    rule: RuleId | None = None
    means: list[Literal["letter", "email", "phone", "portal", "sms"]]
    written_required: bool
    # UN-11 / PC-15: the procedure ends on the day the written result is sent.
    ends: Literal["result_sent"] = "result_sent"
    ends_rule: RuleId | None = None
