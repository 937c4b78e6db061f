"""What was sent to a customer, how, and whether it arrived at the gateway."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DELIVERY_KIND_CHOICES = [
    ("acknowledgement", _("Acknowledgement")),
    ("extension_notice", _("Notice of extension")),
    ("statement", _("Written statement")),
    ("deemed_upheld_notice", _("Notice: deemed upheld")),
]
DELIVERY_CHANNEL_CHOICES = [
    ("email", _("Email")),
    ("sms", _("Text message (SMS)")),
    # Staff printed and posted a letter the gateways could not deliver.
    ("post", _("Post")),
]
DELIVERY_STATUS_CHOICES = [
    ("queued", _("Queued")),
    ("sent", pgettext_lazy("delivery status", "Sent")),
    ("failed", _("Failed")),
]


class Delivery(models.Model):
    """One message to a customer (one per case and kind) and every attempt to send it.

    Created and updated only by ``reclamo.letters.services``: the row is locked while a worker
    claims an attempt, so a task that runs twice sends once. "queued" with ``next_attempt_at``
    in the future is either a retry waiting for its time or an attempt in flight (a claim that
    lapses if the worker dies); "failed" means every attempt was used and staff must act.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DELIVERY_KIND_CHOICES)
    # Blank when the customer left neither an email address nor a phone number.
    channel = models.CharField(
        _("channel"), max_length=10, choices=DELIVERY_CHANNEL_CHOICES, blank=True
    )
    to = models.CharField(_("to"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DELIVERY_STATUS_CHOICES, default="queued"
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "kind"], name="delivery_one_per_kind")
        ]
        indexes = [
            # A sweep asks "which queued deliveries are due"; staff look for failed ones.
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.status}"
