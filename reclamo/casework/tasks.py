"""Durable background work of case handling; each task only calls a service."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from reclamo.accounts.models import User
from reclamo.casework.notices import LETTER_KINDS, letter_compose
from reclamo.casework.timers import timers_sweep
from reclamo.complaints.models import ComplaintDeadline, ComplaintMessage
from reclamo.formats import format_instant
from reclamo.letters.services import letter_deliver, letters_due


@task()
def letter_send(complaint_id: int, kind: str) -> str:
    """Send a case's letter (extension notice, written statement, deemed-upheld notice)."""
    outcome = letter_deliver(complaint_id=complaint_id, kind=kind, compose=letter_compose(kind))
    return f"{outcome.result}: {outcome.detail}"


@task()
def casework_timers_sweep() -> str:
    """Fire the reminders, breach escalations and deemed acceptances (PC-13) that are due, and
    retry letters whose attempt is due."""
    now = timezone.now()
    fired = timers_sweep(now=now)
    for complaint_id, kind in letters_due(now=now, kinds=LETTER_KINDS):
        letter_send.call(complaint_id, kind)
    return ", ".join(f"{kind}: {count}" for kind, count in fired.items())


@task()
def staff_notify(user_ids: list[int], kind: str, deadline_id: int) -> str:
    """Email staff about a deadline (a reminder before it, or its breach), each in their
    language."""
    deadline = ComplaintDeadline.objects.select_related(
        "complaint__provider", "complaint__policy_version"
    ).get(pk=deadline_id)
    zone = deadline.complaint.policy_version.time_zone
    sent = 0
    for user in User.objects.filter(pk__in=user_ids).exclude(email=""):
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "deadline": deadline,
                "complaint": deadline.complaint,
                "kind": kind,
                # The provider's wall clock, as on every page (T-6), in the reader's language.
                "due_text": format_instant(deadline.due_at, zone, language),
            }
            subject = " ".join(
                render_to_string("casework/staff_notice_subject.txt", context).split()
            )
            body = render_to_string("casework/staff_notice.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
        sent += 1
    return f"{sent} notified"


@task()
def reply_deliver(message_id: int) -> str:
    """Email a staff reply to the customer with the headers that thread the answer back."""
    message = ComplaintMessage.objects.select_related("complaint").get(pk=message_id)
    EmailMessage(
        message.subject,
        message.body_text,
        settings.DEFAULT_FROM_EMAIL,
        [message.recipients],
        headers={
            "Message-ID": message.message_id or "",
            "In-Reply-To": message.in_reply_to,
            "References": message.in_reply_to,
            "X-Reclamo-Case": message.complaint.number,
        },
    ).send()
    return "sent"
