"""The letters case handling sends a customer, composed in their language: the extension
notice (UN-9), the written statement with its PDF (UN-11, PC-15) and the notice that a complaint
is deemed upheld (PC-13). Delivery, retries and failures are ``reclamo.letters``'s."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import linebreaks

from reclamo.casework.models import Statement
from reclamo.casework.statement import statement_filename, statement_pdf
from reclamo.complaints.models import Complaint, ComplaintDeadline
from reclamo.formats import format_instant
from reclamo.letters.acknowledgement import case_thread_headers
from reclamo.letters.services import Letter
from reclamo.providers.selectors import policy_of

__all__ = ["LETTER_KINDS", "letter_compose"]

LETTER_KINDS = ("extension_notice", "statement", "deemed_upheld_notice")


def _compose(complaint: Complaint, kind: str) -> Letter:
    policy = policy_of(complaint.policy_version)
    language = complaint.customer_language or policy.default_language
    zone = complaint.policy_version.time_zone
    resolution = ""
    reason = ""
    if kind == "extension_notice":
        # UN-9: only the extension notice tells the new resolution deadline and the reason.
        deadline = (
            ComplaintDeadline.objects.filter(
                complaint=complaint, clock="resolution", superseded_at__isnull=True
            )
            .only("due_at")
            .first()
        )
        extension = complaint.events.filter(type="deadline_extended").order_by("-at").first()
        if deadline is not None:
            resolution = format_instant(deadline.due_at, zone, language)
        if extension is not None:
            reason = extension.data.get("after", {}).get("reason", "")
    attachments: tuple[tuple[str, bytes, str], ...] = ()
    statement = None
    if kind == "statement":
        statement = Statement.objects.get(complaint=complaint)
        attachments = (
            (statement_filename(complaint), statement_pdf(complaint, statement), "application/pdf"),
        )
    with translation.override(language):
        context = {
            "complaint": complaint,
            "brand": policy.provider.brand,
            "resolution": resolution,
            "reason": reason,
            "statement": statement,
        }
        subject = " ".join(render_to_string(f"casework/{kind}_subject.txt", context).split())
        text = render_to_string(f"casework/{kind}.txt", context)
    html = render_to_string(
        "letters/acknowledgement.html",
        {"language": language, "subject": subject, "body": linebreaks(text, autoescape=True)},
    )
    return Letter(
        subject=subject,
        text=text,
        html=html,
        sms=" ".join(text.split())[:300],
        headers=case_thread_headers(complaint, kind),
        attachments=attachments,
    )


def letter_compose(kind: str) -> Callable[[Complaint], Letter]:
    if kind not in LETTER_KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    return lambda complaint: _compose(complaint, kind)
