"""The written statement: a PDF letter in the customer's language (WeasyPrint).

One HTML template (``casework/statement.html``) whose every sentence is translated, rendered
under the customer's language: the provider's identity and address, the case number, the dates
(received, registered, decided, sent), the decision and its reasons, any remedy, and for a
rejection or a partial outcome the escalation bodies with how and by when to reach them (PN-9;
a body's ``within`` period, e.g. Slovakia's 45 days for ADR, counted from the sending).
DejaVu fonts carry every Slovak, Romanian and Hungarian glyph; WeasyPrint embeds the subset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from reclamo.billing.remedy_statement import remedy_statement_lines
from reclamo.casework.models import Statement
from reclamo.complaints.models import Complaint
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines.clocks import period_ends_at
from reclamo.domain.policy import Policy
from reclamo.formats import format_day
from reclamo.labels import OUTCOME_LABELS
from reclamo.providers.selectors import policy_of

__all__ = ["EscalationLine", "statement_filename", "statement_html", "statement_pdf"]

# Outcomes after which the customer is told where to turn (PN-9: negative or partial answers).
_ESCALATING = frozenset({"rejected", "partially_upheld"})


@dataclass(frozen=True, slots=True)
class EscalationLine:
    name: str
    how: list[str]
    by_when: str
    rule: str
    note: str


def _day(instant: datetime | None, zone: str, language: str) -> str:
    if instant is None:
        return ""
    return format_day(instant.astimezone(get_zone(zone)).date(), language)


def _escalation(policy: Policy, sent_at: datetime, language: str) -> list[EscalationLine]:
    lines = []
    zone = policy.time_zone
    for body in policy.escalation.bodies:
        how = [
            value
            for value in (
                ", ".join(
                    part
                    for part in (
                        body.address.street,
                        body.address.postal_code,
                        body.address.city,
                    )
                    if part
                )
                if body.address
                else None,
                body.email,
                str(body.web) if body.web else None,
                body.phone,
            )
            if value
        ]
        by_when = ""
        if body.within is not None:
            by_when = _day(period_ends_at(policy, body.within, sent_at, roll=None), zone, language)
        lines.append(
            EscalationLine(
                name=policy.text(body.name, language),
                how=how,
                by_when=by_when,
                rule=body.within_rule or "",
                note=policy.text(body.note, language) if body.note else "",
            )
        )
    return lines


def _remedy_lines(remedy: Any, language: str) -> list[tuple[str, str]]:
    if not isinstance(remedy, dict):
        return []
    worded = remedy_statement_lines(remedy, language)  # an applied remedy, with its working
    if worded is not None:
        return worded
    return [(str(key).replace("_", " "), _flat(value)) for key, value in remedy.items()]


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    return str(value)


def statement_context(complaint: Complaint, statement: Statement) -> dict[str, Any]:
    policy = policy_of(complaint.policy_version)
    language = statement.language or complaint.customer_language or policy.default_language
    zone = complaint.policy_version.time_zone
    identity = policy.provider
    office = identity.registered_office
    sent_at = statement.sent_at or statement.decided_at
    return {
        "language": language,
        "legal_name": identity.legal_name,
        "brand": identity.brand,
        "address": ", ".join(
            part for part in (office.street, office.postal_code, office.city) if part
        )
        if office
        else "",
        "website": str(identity.website) if identity.website else "",
        "company_id": identity.company_id or "",
        "complaint": complaint,
        "statement": statement,
        "outcome": OUTCOME_LABELS.get(statement.outcome, statement.outcome),  # type: ignore[call-overload]
        "received": _day(complaint.received_at, zone, language),
        "registered": _day(complaint.registered_at, zone, language),
        "decided": _day(statement.decided_at, zone, language),
        "sent": _day(sent_at, zone, language),
        "remedy": _remedy_lines(statement.remedy, language),
        "escalation": (
            _escalation(policy, sent_at, language) if statement.outcome in _ESCALATING else []
        ),
        "escalation_notice": (
            policy.text(policy.escalation.notice, language)
            if statement.outcome in _ESCALATING
            else ""
        ),
        "escalation_rule": policy.escalation.rule or "",
        "end_rule": policy.outcome.ends_rule or policy.outcome.rule or "",
    }


def statement_html(complaint: Complaint, statement: Statement) -> str:
    context = statement_context(complaint, statement)
    with translation.override(context["language"]):
        return render_to_string("casework/statement.html", context)


def statement_pdf(complaint: Complaint, statement: Statement) -> bytes:
    """The statement as PDF bytes. Rendered outside any transaction (slow work holds no lock)."""
    from weasyprint import HTML  # imported when needed: Pango loads on first use

    pdf: bytes = HTML(string=statement_html(complaint, statement)).write_pdf()
    return pdf


def statement_filename(complaint: Complaint) -> str:
    """The PDF's file name, as attached to the letter and offered for download; a number's
    slashes would read as folders."""
    return f"statement-{complaint.number}.pdf".replace("/", "-")
