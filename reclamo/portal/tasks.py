"""The portal's mail (sign-up confirmation, password reset), sent by the task worker."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def portal_mail_send(to: str, subject: str, body: str) -> str:
    """Send one plain-text message; a failure raises, so the task's result shows it."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    message.send(fail_silently=False)
    return f"sent to {to}"
