"""What the portal must remember: the sign-up mails it sent, to limit them (a mail bomb to one
address, or one client asking for many)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupMail(models.Model):
    """One sign-up mail sent (a confirmation link, or "this address has an account"): to
    ``email``, asked for from ``client_address``. Rows older than the window serve no purpose;
    the limits read only the window (indexes below)."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="+", verbose_name=_("provider")
    )
    email = models.EmailField(_("email"), max_length=254)
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    sent_at = models.DateTimeField(_("sent at"), db_index=False)

    class Meta:
        verbose_name = _("portal sign-up mail")
        verbose_name_plural = _("portal sign-up mails")
        indexes = [
            models.Index(fields=["email", "sent_at"], name="signup_mail_by_email"),
            models.Index(fields=["client_address", "sent_at"], name="signup_mail_by_client"),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.sent_at:%Y-%m-%d %H:%M}"
