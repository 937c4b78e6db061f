"""Files that come with a case: documents, photos, a letter's scan."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: Attachment, filename: str) -> str:
    """`attachments/<provider>/<year>/<uuid>`: the customer's file name never becomes a path.

    The original name is kept in `original_name`; the content type in `content_type`.
    """
    owner = instance.complaint or instance.intake
    provider = owner.provider.slug if owner is not None else "unassigned"
    return f"attachments/{provider}/{timezone.now().year}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file stored under the data directory (MEDIA_ROOT), checked against the settings'
    limits (`reclamo.complaints.attachments.attachment_check`) before it is stored.

    It belongs to the intake record it arrived with, and to the case once one is registered.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    intake = models.ForeignKey(
        "complaints.IntakeRecord",
        verbose_name=_("intake record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(intake__isnull=False),
                name="attachment_has_an_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name
