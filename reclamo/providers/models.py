from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
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
    # Copied from the file when it is loaded, so choosing the version in force at an instant
    # (whose local date decides, T-1) needs no YAML parsing.
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    source_name = models.CharField(_("source file"), max_length=255)
    source_text = models.TextField(_("policy file"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.CharField(_("loaded by"), max_length=150, blank=True)
    # Re-uploading an identical file reinstates its version: among versions with the same
    # effective date, the one loaded or reinstated last is in force (see policy_in_force).
    reinstated_at = models.DateTimeField(_("reinstated at"), null=True, blank=True)

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


class ProviderEventQuerySet(models.QuerySet["ProviderEvent"]):
    """The audit trail is append-only: no bulk update or delete through the application."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Provider events are append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("Provider events are append-only.")


class ProviderEvent(models.Model):
    """One entry of a provider's audit trail, written in the same transaction as the change.

    `actor` is a user name, "system" (start-up, commands) or an integration token's prefix.
    """

    class Type(models.TextChoices):
        PROVIDER_ACTIVATED = "provider_activated", _("Provider activated")
        PROVIDER_DEACTIVATED = "provider_deactivated", _("Provider deactivated")
        POLICY_VERSION_LOADED = "policy_version_loaded", _("Policy version loaded")
        POLICY_VERSION_REINSTATED = "policy_version_reinstated", _("Policy version reinstated")
        INTEGRATION_TOKEN_ISSUED = "integration_token_issued", _("Integration token issued")
        INTEGRATION_TOKEN_LABELLED = "integration_token_labelled", _("Integration token labelled")
        INTEGRATION_TOKEN_REVOKED = "integration_token_revoked", _("Integration token revoked")
        REPORT_INPUTS_IMPORTED = "report_inputs_imported", _("Report figures imported")

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.CharField(_("actor"), max_length=150)
    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects = ProviderEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")

    def __str__(self) -> str:
        return f"{self.provider_id} {self.type} {self.at.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Provider events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Provider events are append-only.")
