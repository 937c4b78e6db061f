from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.Model):
    """An electronic-communications provider using Reclamo (the tenant)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name


class PolicyVersion(models.Model):
    """One loaded version of a provider's complaint procedure (the policy file, verbatim).

    Versions are never edited: a changed file is a new row. A complaint keeps the version in
    force when it was received for its whole life, so its deadlines never move.
    """

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="policy_versions")
    version = models.CharField(_("version"), max_length=40)
    effective_from = models.DateField(_("effective from"))
    source_name = models.CharField(_("source file"), max_length=255)
    source_text = models.TextField(_("policy file"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.CharField(_("loaded by"), max_length=150, blank=True)

    class Meta:
        ordering = ["provider", "-effective_from", "-loaded_at"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "checksum"], name="policy_version_unique_content"
            )
        ]
        indexes = [
            models.Index(
                fields=["provider", "effective_from", "loaded_at"],
                name="policy_version_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider.slug} {self.version} ({self.effective_from})"


class IntegrationToken(models.Model):
    """A bearer token with which a provider's own systems call the API.

    Only a SHA-256 digest is stored; the token itself is shown once, when issued.
    """

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="integration_tokens"
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration token")
        verbose_name_plural = _("integration tokens")

    def __str__(self) -> str:
        return f"{self.provider.slug} {self.prefix}…"
