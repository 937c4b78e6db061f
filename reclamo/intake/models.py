"""What the intake channels keep beyond the intake log: the automatic answers sent to senders
whose email the procedure refuses (PC-2, PC-9) or that could not be taken (an attachment over
the limits, an empty message)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REPLY_STATUS_CHOICES = [
    ("queued", _("Queued")),
    ("sent", pgettext_lazy("delivery status", "Sent")),
    ("failed", _("Failed")),
]


class EmailReply(models.Model):
    """One automatic answer to one refused email, sent after commit by a task.

    Unique per provider and answered Message-ID: the same refused message arriving again (a
    re-import, a mail server's retry) is answered once, so a sender is never flooded.
    """

    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    intake = models.OneToOneField(
        "complaints.IntakeRecord",
        verbose_name=_("intake record"),
        on_delete=models.PROTECT,
        related_name="email_reply",
    )
    answers_message_id = models.CharField(_("answers Message-ID"), max_length=998)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=REPLY_STATUS_CHOICES, default="queued"
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("automatic email answer")
        verbose_name_plural = _("automatic email answers")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "answers_message_id"], name="email_reply_once_per_message"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="email_reply_due")]

    def __str__(self) -> str:
        return f"{self.to} {self.status}"
