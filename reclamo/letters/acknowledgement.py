"""What an acknowledgement says, in the customer's language, for each channel.

The case's number, every current deadline in the provider's local time (a CLDR date and the zone
in words, ``reclamo.formats``) with what it means (``CLOCK_EXPLANATIONS``) and its rule id, and
where to follow the case (the provider's contact page under ``RECLAMO_BASE_URL``).

Texts that come from a policy file (the brand, a department's name) or from the customer (the
subject) are data: the HTML template escapes them and the rendered fragment goes through nh3,
so nothing in a policy or a submission becomes markup in a customer's mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.formats import format_instant, tidy_sentence, zone_name
from reclamo.labels import CLOCK_EXPLANATIONS, CLOCK_LABELS
from reclamo.providers.selectors import policy_of

__all__ = ["Acknowledgement", "DeadlineLine", "acknowledgement_compose", "case_thread_headers"]

# What the acknowledgement's HTML may contain after rendering; everything else is stripped.
_HTML_TAGS = {"p", "ul", "li", "strong", "a", "br", "h1"}
_HTML_ATTRIBUTES = {"a": {"href"}}


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    label: str
    due: str
    zone: str
    explanation: str
    rule: str


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    language: str
    subject: str
    text: str
    html: str
    sms: str


def acknowledgement_compose(complaint: Complaint) -> Acknowledgement:
    """The acknowledgement of ``complaint`` (deadlines prefetched or not), in its language."""
    policy = policy_of(complaint.policy_version)
    language = complaint.customer_language or policy.default_language
    zone = complaint.policy_version.time_zone
    with translation.override(language):
        zone_words = zone_name(zone, policy.country, language)
        deadlines = [
            _line(deadline, zone, zone_words, language)
            for deadline in sorted(_current(complaint), key=lambda row: row.due_at)
        ]
        department = policy.department(complaint.department)
        context = {
            "complaint": complaint,
            "brand": policy.provider.brand,
            "department": policy.text(department.name, language) if department else "",
            "received": format_instant(complaint.received_at, zone, language),
            "zone": zone_words,
            "deadlines": deadlines,
            "follow_url": _follow_url(complaint.provider.slug),
        }
        subject = render_to_string("letters/acknowledgement_subject.txt", context).strip()
        text = render_to_string("letters/acknowledgement.txt", context)
        fragment = render_to_string("letters/acknowledgement_body.html", context)
        sms = render_to_string("letters/acknowledgement_sms.txt", context).strip()
    clean = nh3.clean(fragment, tags=_HTML_TAGS, attributes=_HTML_ATTRIBUTES)
    html = render_to_string(
        "letters/acknowledgement.html",
        {"language": language, "subject": subject, "body": mark_safe(clean)},  # noqa: S308
    )
    return Acknowledgement(
        language=language,
        subject=" ".join(subject.split()),
        text=tidy_sentence(text, language),
        html=html,
        sms=tidy_sentence(sms, language),
    )


def case_thread_headers(complaint: Complaint, kind: str = "acknowledgement") -> dict[str, str]:
    """Headers that mark the mail as automatic (RFC 3834) and thread replies back to the case:
    the ``Message-ID`` (``<kind>.<case>@<domain>``) and ``References`` carry the provider and
    the case's number."""
    domain = urlsplit(settings.RECLAMO_BASE_URL).hostname or "localhost"
    case = f"{complaint.number}.{complaint.provider.slug}"
    return {
        "Auto-Submitted": "auto-generated",
        "Message-ID": f"<{kind}.{case}@{domain}>",
        "References": f"<case.{case}@{domain}>",
        "X-Reclamo-Case": complaint.number,
    }


def _current(complaint: Complaint) -> list[ComplaintDeadline]:
    return [row for row in complaint.deadlines.all() if row.superseded_at is None]


def _line(deadline: ComplaintDeadline, zone: str, zone_words: str, language: str) -> DeadlineLine:
    # A repair deadline is explained by what it asks for (started or done), others by the clock.
    key = (
        deadline.milestone if deadline.clock == "repair" and deadline.milestone else deadline.clock
    )
    explanation = CLOCK_EXPLANATIONS.get(key, "")  # type: ignore[call-overload]
    label = CLOCK_LABELS.get(deadline.clock, deadline.clock)  # type: ignore[call-overload]
    return DeadlineLine(
        label=str(label),
        due=format_instant(deadline.due_at, zone, language),
        zone=zone_words,
        explanation=str(explanation),
        rule=deadline.rule,
    )


def _follow_url(slug: str) -> str:
    # reverse() under the customer's language gives the page in that language (/sk/p/…/).
    return settings.RECLAMO_BASE_URL + reverse("public:provider", kwargs={"slug": slug})
