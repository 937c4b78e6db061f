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
from reclamo.labels import (
    EQUIPMENT_OWNERSHIP_LABELS,
    OUTAGE_CAUSE_LABELS,
    REMEDY_KIND_LABELS,
    REMEDY_METHOD_LABELS,
    choices,
)


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


class OutageCase(models.Model):
    """A complaint or fault report an outage caused: an open case of an affected customer whose
    fault started within the outage, linked when the outage is registered (issue 13)."""

    outage = models.ForeignKey(Outage, on_delete=models.CASCADE, related_name="case_links")
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="outage_links"
    )
    linked_at = models.DateTimeField(_("linked at"))

    class Meta:
        verbose_name = _("case caused by an outage")
        verbose_name_plural = _("cases caused by an outage")
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "complaint"], name="billing_outage_case_unique"
            )
        ]
        indexes = [models.Index(fields=["complaint"], name="outage_case_by_complaint")]

    def __str__(self) -> str:
        return f"{self.outage_id}/{self.complaint_id}"


class AppliedRemedy(models.Model):
    """A remedy applied: in a case by staff (computed, perhaps adjusted with a reason), or for
    every affected customer of an outage by a policy with ``outage_credit.automatic``. Its
    schedule lines are what the billing system is told (the credits export)."""

    # Not indexed on their own: the export reads the lines by (provider, recorded_at), and an
    # outage's automatic credits by the (outage, customer) constraint; an outage's 100,000 credits
    # are written faster with fewer indexes to maintain.
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.PROTECT,
        related_name="applied_remedies",
        db_index=False,
    )
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applied_remedies",
    )
    # One remedy per case; an automatic outage credit has no case, one per outage and customer.
    complaint = models.OneToOneField(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applied_remedy",
    )
    outage = models.ForeignKey(
        Outage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applied_remedies",
        db_index=False,
    )
    kind = models.CharField(_("remedy"), max_length=30, choices=choices(REMEDY_KIND_LABELS))
    method = models.CharField(_("applied as"), max_length=20, choices=choices(REMEDY_METHOD_LABELS))
    computed_amount = models.DecimalField(_("computed amount"), max_digits=14, decimal_places=2)
    amount = models.DecimalField(_("applied amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)
    rules = models.CharField(_("procedure rules"), max_length=100)
    # The working as data (reclamo.domain.remedies.Working.as_data), for the statement.
    working = models.JSONField(_("working"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("applied at"))
    applied_by = models.CharField(_("applied by"), max_length=150)
    # The letter of an automatic credit: "" none due, "queued", "sent", "failed".
    letter_status = models.CharField(_("letter"), max_length=10, blank=True)
    letter_sent_at = models.DateTimeField(_("letter sent at"), null=True, blank=True)
    # Why the letter of an automatic credit failed (a gateway's error, or no address), for staff.
    letter_error = models.TextField(_("why the letter failed"), blank=True, db_default="")

    class Meta:
        verbose_name = _("applied remedy")
        verbose_name_plural = _("applied remedies")
        constraints = [
            models.UniqueConstraint(
                fields=["outage", "customer"],
                condition=models.Q(complaint__isnull=True),
                name="billing_automatic_credit_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["letter_status", "id"],
                condition=models.Q(letter_status="queued"),
                name="remedy_letter_queued",
            ),
            # Staff list the failed letters of their provider (console, undelivered letters).
            models.Index(
                fields=["provider", "id"],
                condition=models.Q(letter_status="failed"),
                name="remedy_letter_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"


class RemedyLine(models.Model):
    """One line of an applied remedy's schedule: a credit on an invoice, an instalment, a
    refund or a charge, with its date; the billing system reads them (credits export)."""

    # Looked up through the (remedy, sequence) constraint's index; no second index to maintain.
    remedy = models.ForeignKey(
        AppliedRemedy, on_delete=models.CASCADE, related_name="lines", db_index=False
    )
    # Indexed by the export's (provider, recorded_at, id) index.
    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    sequence = models.PositiveSmallIntegerField(_("line"))
    method = models.CharField(_("applied as"), max_length=20, choices=choices(REMEDY_METHOD_LABELS))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # The day it is credited, due or refunded; the invoice it is set against, where known.
    due_on = models.DateField(_("due or credited on"))
    invoice_number = models.CharField(_("invoice number"), max_length=100, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("remedy line")
        verbose_name_plural = _("remedy lines")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["remedy", "sequence"], name="remedy_line_unique")
        ]
        # The credits export walks one provider's lines in (recorded_at, id) order (keyset).
        indexes = [
            models.Index(fields=["provider", "recorded_at", "id"], name="remedy_line_export"),
        ]

    def __str__(self) -> str:
        return f"{self.remedy_id}#{self.sequence} {self.amount} {self.currency}"


class OutageImport(models.Model):
    """An outage import through the API and its first answer, keyed by ``Idempotency-Key``:
    a repeat with the same body answers the same, whatever happened in between."""

    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(_("idempotency key"), max_length=255)
    request_fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("answer status"))
    response_body = models.JSONField(_("answer"), default=dict)
    created_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("outage import")
        verbose_name_plural = _("outage imports")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "idempotency_key"], name="billing_outage_import_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.idempotency_key
