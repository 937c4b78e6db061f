"""Durable background work of the intake channels; each task only calls a service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from reclamo.intake.replies import email_replies_due, email_reply_deliver


@task()
def email_reply_send(reply_id: int) -> str:
    """Send the automatic answer to a refused email (PC-2)."""
    return email_reply_deliver(reply_id=reply_id)


@task()
def email_replies_sweep() -> str:
    """Retry the automatic answers whose send failed or whose task was lost."""
    due = email_replies_due(now=timezone.now())
    for reply_id in due:
        email_reply_deliver(reply_id=reply_id)
    return f"{len(due)} automatic answers attempted"


@task()
def mailboxes_fetch() -> str:
    """Read every configured IMAP mailbox (`RECLAMO_IMAP_*`); nothing when none is set up."""
    from reclamo.intake.mailboxes import imap_fetch_all

    results = imap_fetch_all()
    return "; ".join(
        f"{slug}: {sum(counts.values())} messages" for slug, counts in results.items()
    ) or ("no mailbox configured")
