"""Messages exchanged with the customer about a case: emails in and out, portal messages.

An inbound message keeps its original (the intake record's stored payload) and its text; HTML is
kept only sanitised. `message_id` is the RFC 5322 Message-ID, unique per provider, so the same
email is never taken twice, and a reply's In-Reply-To/References can find the case it answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reclamo.labels import CHANNEL_LABELS, choices

DIRECTION_CHOICES = [("in", _("from the customer")), ("out", _("to the customer"))]


class ComplaintMessage(models.Model):
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    direction = models.CharField(_("direction"), max_length=3, choices=DIRECTION_CHOICES)
    channel = models.CharField(_("channel"), max_length=20, choices=choices(CHANNEL_LABELS))
    at = models.DateTimeField(_("at"))
    sender = models.CharField(_("from"), max_length=320, blank=True)
    recipients = models.TextField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    # Sanitised with nh3 before it is stored; the original stays in the intake record.
    body_html = models.TextField(_("HTML (sanitised)"), blank=True)
    message_id = models.CharField(  # noqa: DJ001
        _("Message-ID"), max_length=998, null=True, blank=True
    )
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=998, blank=True)
    intake = models.ForeignKey(
        "complaints.IntakeRecord",
        verbose_name=_("intake record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
    )
    # Staff who wrote an outbound message (None for the system and for inbound messages).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "message_id"],
                condition=Q(message_id__isnull=False),
                name="complaint_message_id_unique",
            ),
        ]
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_message_by_case")]

    def __str__(self) -> str:
        return f"{self.direction} {self.at.isoformat()} {self.subject}"
