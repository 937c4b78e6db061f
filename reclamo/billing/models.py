"""The billing data remedies are computed from: a customer's services, their invoices, outages
and the credits an outage is worth to each affected customer (UN-13, PC-6, PC-7).

Imported from the provider's billing system (``reclamo import_services|import_invoices|
import_outages``); every row belongs to one provider and is keyed by the provider's own
reference, so a re-import updates in place and the same rows twice change nothing.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reclamo.customers.models import Customer
from reclamo.labels import EQUIPMENT_OWNERSHIP_LABELS, OUTAGE_CAUSE_LABELS, choices


class Service(models.Model):
    """One service a customer pays for monthly (an internet line, a TV package)."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="services"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="services"
    )
    reference = models.CharField(_("service reference"), max_length=100)
    name = models.CharField(_("service"), max_length=200, blank=True)
    monthly_fee = models.DecimalField(_("monthly fee"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    started_on = models.DateField(_("in service since"))
    ended_on = models.DateField(_("in service until"), null=True, blank=True)
    # Empty: the service comes with no equipment of the provider's.
    equipment = models.CharField(
        _("equipment"), max_length=20, choices=choices(EQUIPMENT_OWNERSHIP_LABELS), blank=True
    )
    # When the equipment was handed over (rented, UN-2) or bought (PC-3): its warranty counts
    # from here.
    equipment_since = models.DateField(_("equipment since"), null=True, blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="billing_service_reference_unique"
            ),
        ]
        indexes = [models.Index(fields=["customer", "started_on"], name="service_by_customer")]

    def __str__(self) -> str:
        return self.reference


class Invoice(models.Model):
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="invoices"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="invoices"
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=100)
    period_start = models.DateField(_("billing period from"))
    period_end = models.DateField(_("billing period to"))
    amount = models.DecimalField(_("invoiced amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # UN-10: the billing complaint's filing window counts from the delivery.
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "number"], name="billing_invoice_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "period_start"], name="invoice_by_customer"),
        ]

    def __str__(self) -> str:
        return self.number


class Outage(models.Model):
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="outages"
    )
    reference = models.CharField(_("outage reference"), max_length=100)
    started_at = models.DateTimeField(_("outage started at"))
    ended_at = models.DateTimeField(_("outage ended at"))
    cause = models.CharField(
        _("cause of the outage"), max_length=30, choices=choices(OUTAGE_CAUSE_LABELS)
    )
    area = models.CharField(_("affected area"), max_length=200, blank=True)
    description = models.TextField(_("outage description"), blank=True)
    # The customers it affected; their credits are computed per service (OutageCredit).
    customers: models.ManyToManyField[Customer, AffectedCustomer] = models.ManyToManyField(
        "customers.Customer",
        through="AffectedCustomer",
        related_name="outages",
        verbose_name=_("affected customers"),
    )
    credits_computed_at = models.DateTimeField(_("credits computed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="billing_outage_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class AffectedCustomer(models.Model):
    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="affected")
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("affected customer")
        verbose_name_plural = _("affected customers")
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "customer"], name="billing_affected_customer_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outage_id}/{self.customer_id}"


class OutageCredit(models.Model):
    """What one outage is worth on one service; its working is recomputed from the outage and
    ``monthly_fee`` (``reclamo.billing.selectors.outage_credit_working``)."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="credits")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="outage_credits")
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="outage_credits"
    )
    monthly_fee = models.DecimalField(_("monthly fee"), max_digits=14, decimal_places=2)
    amount = models.DecimalField(_("credit amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    whole_days = models.PositiveIntegerField(_("whole days credited"))
    rules = models.CharField(_("procedure rules"), max_length=100)  # "PC-6,PC-7"
    computed_at = models.DateTimeField(_("credit computed at"))

    class Meta:
        verbose_name = _("outage credit")
        verbose_name_plural = _("outage credits")
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "service"], name="billing_outage_credit_unique"
            ),
        ]
        indexes = [models.Index(fields=["customer", "outage"], name="outage_credit_by_customer")]

    def __str__(self) -> str:
        return f"{self.outage_id}/{self.service_id}: {self.amount} {self.currency}"


class BillingEventQuerySet(models.QuerySet["BillingEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Billing events are append-only.")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise TypeError("Billing events are append-only.")


class BillingEvent(models.Model):
    """The billing data's audit trail: an import or a credit computation, with its counts,
    written in the transaction that made the change."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="billing_events"
    )
    at = models.DateTimeField(_("recorded at"), default=timezone.now)
    actor = models.CharField(_("recorded by"), max_length=150)
    type = models.CharField(_("billing event type"), max_length=40)
    data = models.JSONField(_("billing event details"), default=dict, blank=True)

    objects = BillingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("billing event")
        verbose_name_plural = _("billing events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["provider", "at"], name="billing_event_by_provider")]

    def __str__(self) -> str:
        return f"{self.type} {self.at.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Billing events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Billing events are append-only.")
