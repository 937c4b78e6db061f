"""Writes that send something to a customer: acknowledgements (and, later, written statements)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from reclamo.complaints.models import Complaint


def acknowledgement_deliver(*, complaint_id: int) -> str:
    """Email the acknowledgement of a registered case in the customer's language: its number,
    every deadline in the provider's local time with its rule. Returns what was done."""
    complaint = (
        Complaint.objects.select_related("provider", "policy_version")
        .prefetch_related("deadlines")
        .get(pk=complaint_id)
    )
    if not complaint.customer_email:
        return "no email address"
    with translation.override(complaint.customer_language or settings.LANGUAGE_CODE):
        context = {
            "complaint": complaint,
            "deadlines": [d for d in complaint.deadlines.all() if d.superseded_at is None],
            "zone": complaint.policy_version.time_zone,
        }
        subject = render_to_string("letters/acknowledgement_subject.txt", context).strip()
        body = render_to_string("letters/acknowledgement.txt", context)
    EmailMessage(subject=subject, body=body, to=[complaint.customer_email]).send()
    return f"sent to {complaint.customer_email}"
