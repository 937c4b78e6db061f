"""The intake log: every raw submission on every channel, stored before it is parsed."""

from __future__ import annotations

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reclamo.labels import CHANNEL_LABELS, INTAKE_OUTCOME_LABELS, choices


def intake_payload_path(instance: IntakeRecord, filename: str) -> str:
    """`intake/<provider>/<year>/<uuid>`: a sender's file name never becomes a path."""
    return f"intake/{instance.provider.slug}/{timezone.now().year}/{uuid.uuid4().hex}"


class IntakeRecord(models.Model):
    """One submission as it arrived (API call, email, call record, desk entry, letter scan).

    Stored first, with `outcome` "pending", then updated with what became of it, so nothing
    accepted or refused is lost and staff can reprocess a failed one. For the API it also keeps
    the first answer, so a repeated `Idempotency-Key` replays it (api.md).
    """

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="intake_records"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=choices(CHANNEL_LABELS))
    received_at = models.DateTimeField(_("received at"))
    # Who handed it over: a token's prefix, a sender's address, a staff user's name.
    source_label = models.CharField(_("from"), max_length=255, blank=True)

    # The raw submission: a JSON body in `payload`, text (a raw email) in `payload_text`, or a
    # stored file (a scan, a large message) in `payload_file`.
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    payload = models.JSONField(_("payload"), null=True, blank=True, encoder=DjangoJSONEncoder)
    payload_text = models.TextField(_("payload (text)"), blank=True)
    payload_file = models.FileField(
        _("payload (file)"), upload_to=intake_payload_path, max_length=255, blank=True
    )

    # The client's Idempotency-Key (NULL when none: only given keys are unique per provider),
    # and the SHA-256 of the request body to tell a replay from a reused key (409).
    idempotency_key = models.CharField(  # noqa: DJ001
        _("idempotency key"), max_length=255, null=True, blank=True
    )
    request_fingerprint = models.CharField(_("request SHA-256"), max_length=64, blank=True)

    outcome = models.CharField(
        _("outcome"), max_length=20, choices=choices(INTAKE_OUTCOME_LABELS), default="pending"
    )
    # For a refusal (PC-2) or a failure: the error code and message given.
    reason_code = models.CharField(_("reason code"), max_length=50, blank=True)
    reason_message = models.TextField(_("reason"), blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_records",
    )
    # The first answer given, replayed to a repeated Idempotency-Key.
    response_status = models.PositiveSmallIntegerField(_("answer status"), null=True, blank=True)
    response_body = models.JSONField(_("answer"), null=True, blank=True, encoder=DjangoJSONEncoder)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("intake record")
        verbose_name_plural = _("intake log")
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="intake_idempotency_key_unique",
            )
        ]
        indexes = [
            # Staff look for what failed or was refused, newest first.
            models.Index(fields=["provider", "outcome", "received_at"], name="intake_by_outcome"),
            # The web form's per-address rate limit counts one sender's recent submissions.
            models.Index(fields=["source_label", "received_at"], name="intake_by_source"),
            # The purge of Idempotency-Keys and stored answers past their retention reads the
            # oldest records that still hold one: a partial index, small as it holds only them.
            models.Index(
                fields=["created_at"],
                condition=Q(idempotency_key__isnull=False) | Q(response_body__isnull=False),
                name="intake_replayable_by_age",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.received_at.isoformat()} {self.outcome}"
