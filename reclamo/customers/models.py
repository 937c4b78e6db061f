"""A provider's customers: who complains, how to reach them, and (optionally) their portal login.

Cases keep their own copy of the contact data given at receipt (the record of what was
received); a `Customer` is the provider's lasting record that channels match a case to — by the
provider's customer reference, the phone number (E.164) or the email address — and that billing
data (services, invoices) and the customer portal hang on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class Customer(models.Model):
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="customers"
    )
    # The provider's own customer or contract number ("customer reference" on cases).
    reference = models.CharField(_("customer reference"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    # E.164 ("+421948031942"), normalised by `reclamo.domain.phones.phone_e164`.
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    # The customer portal's login, once the customer has signed up (one login per customer).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="customer",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["provider", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"],
                condition=~Q(reference=""),
                name="customer_reference_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "phone"], name="customer_by_phone"),
            models.Index(fields=["provider", "email"], name="customer_by_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})" if self.reference else self.name
