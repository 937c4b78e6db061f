"""The case record, its deadlines (one row per clock) and the numbering counter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reclamo.domain.vocabulary import OPEN_STATUSES
from reclamo.labels import (
    ACTOR_TYPE_LABELS,
    CASE_STATUS_LABELS,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CLOCK_EVENT_LABELS,
    CLOCK_LABELS,
    COMPLEXITY_LABELS,
    EQUIPMENT_OWNERSHIP_LABELS,
    FAULT_CAUSE_LABELS,
    FAULT_LOCATION_LABELS,
    FAULT_VALIDITY_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    choices,
)

# Optional words of the vocabulary are NULL when not given (api.md answers null), not "": the
# contract tells "not given" apart from every value, hence `null=True` on these CharFields.


class Complaint(models.Model):
    """One case in a provider's register, from receipt to its written result.

    The policy version in force at receipt governs the case for life (its deadlines never move
    when the provider loads a new procedure). Changes after registration go through services
    that record a `ComplaintEvent` in the same transaction.
    """

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="complaints"
    )
    policy_version = models.ForeignKey(
        "providers.PolicyVersion",
        verbose_name=_("policy version"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    # The policy's registration_number format filled with `year` and `sequence`; the pair is
    # kept as numbers so the register can check there are no gaps.
    number = models.CharField(_("number"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))

    kind = models.CharField(_("kind"), max_length=20, choices=choices(KIND_LABELS))
    treated_as = models.CharField(_("treated as"), max_length=20, choices=choices(KIND_LABELS))
    category = models.CharField(  # noqa: DJ001
        _("category"), max_length=20, choices=choices(CATEGORY_LABELS), null=True, blank=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=choices(CHANNEL_LABELS))
    department = models.SlugField(_("department"), max_length=50)
    complexity = models.CharField(  # noqa: DJ001
        _("complexity"), max_length=20, choices=choices(COMPLEXITY_LABELS), null=True, blank=True
    )
    fault_location = models.CharField(  # noqa: DJ001
        _("fault location"),
        max_length=20,
        choices=choices(FAULT_LOCATION_LABELS),
        null=True,
        blank=True,
    )

    # The events the clocks count from (vocabulary.ClockEvent), besides receipt and registration.
    fault_started_at = models.DateTimeField(_("fault started at"), null=True, blank=True)
    # The customer may know the day only, or the moment (UN-8, PC-11 count from either).
    defect_discovered_on = models.DateField(_("defect discovered on"), null=True, blank=True)
    defect_discovered_at = models.DateTimeField(_("defect discovered at"), null=True, blank=True)
    invoice_delivered_on = models.DateField(_("invoice delivered on"), null=True, blank=True)
    service_restored_at = models.DateTimeField(_("service restored at"), null=True, blank=True)

    # The provider's customer record the case was matched to (reclamo.customers); the fields
    # below keep the contact data as received, whatever the customer record says later.
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    customer_name = models.CharField(_("customer name"), max_length=200)
    customer_email = models.EmailField(_("customer email"), blank=True)
    customer_phone = models.CharField(_("customer phone"), max_length=32, blank=True)
    customer_reference = models.CharField(_("customer reference"), max_length=100, blank=True)
    customer_language = models.CharField(
        _("customer language"), max_length=8, choices=settings.LANGUAGES
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))

    # T-6: instants are stored in UTC. `received_at` is when the provider got it (a letter's
    # delivery, not the typing time); `registered_at` when it was entered in the register.
    received_at = models.DateTimeField(_("received at"))
    registered_at = models.DateTimeField(_("registered at"))
    status = models.CharField(
        _("status"), max_length=24, choices=choices(CASE_STATUS_LABELS), default="registered"
    )
    outcome = models.CharField(  # noqa: DJ001
        _("outcome"), max_length=20, choices=choices(OUTCOME_LABELS), null=True, blank=True
    )
    # When the decision was recorded, and when the written statement was sent: the sending is
    # the procedure's end (UN-11, PC-15) and what resolution times are counted to.
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    statement_sent_at = models.DateTimeField(_("statement sent at"), null=True, blank=True)
    # The filing window's verdict at registration (api.md "filing"); null where none applies.
    filing_last_day = models.DateField(_("last day to file"), null=True, blank=True)
    filing_counted_last_day = models.DateField(
        _("last day to file, as counted"), null=True, blank=True
    )
    filing_in_time = models.BooleanField(_("filed in time"), null=True, blank=True)

    # The investigation (casework): who caused the fault (UN-5, PC-8), whether a fault report was
    # valid (the quality reports count valid ones), and the equipment's warranty (UN-2, PC-3).
    fault_cause = models.CharField(  # noqa: DJ001
        _("fault caused by"),
        max_length=20,
        choices=choices(FAULT_CAUSE_LABELS),
        null=True,
        blank=True,
    )
    fault_validity = models.CharField(  # noqa: DJ001
        _("fault report validity"),
        max_length=20,
        choices=choices(FAULT_VALIDITY_LABELS),
        null=True,
        blank=True,
    )
    equipment_ownership = models.CharField(  # noqa: DJ001
        _("equipment"),
        max_length=20,
        choices=choices(EQUIPMENT_OWNERSHIP_LABELS),
        null=True,
        blank=True,
    )
    equipment_since = models.DateField(_("rented or bought on"), null=True, blank=True)

    # Who registered it; the same shape as an audit event's actor.
    created_by_type = models.CharField(
        _("registered by (kind)"), max_length=20, choices=choices(ACTOR_TYPE_LABELS)
    )
    created_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by_label = models.CharField(_("registered by (label)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        # PC-14: the register lists cases oldest first; `number` breaks ties (keyset pagination).
        ordering = ["received_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="complaint_number_unique"),
            models.UniqueConstraint(
                fields=["provider", "year", "sequence"], name="complaint_sequence_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "received_at", "number"], name="complaint_register"),
            models.Index(fields=["provider", "status", "received_at"], name="complaint_by_status"),
            models.Index(
                fields=["provider", "department", "received_at"], name="complaint_by_department"
            ),
            models.Index(fields=["provider", "kind", "received_at"], name="complaint_by_kind"),
            # The register's "overdue" filter walks the open cases oldest first; without this
            # it reads past every closed case of the provider first (most of a mature register).
            models.Index(
                fields=["provider", "received_at", "number"],
                condition=Q(status__in=OPEN_STATUSES),
                name="complaint_register_open",
            ),
            # The quality reports (reclamo.reporting) count a provider's cases by when they were
            # received, when their statement was sent and when the service was restored; the
            # INCLUDEd columns let PostgreSQL answer a quarter from the index alone.
            models.Index(
                fields=["provider", "received_at"],
                include=["treated_as", "category", "fault_validity", "department", "channel"],
                name="complaint_received_report",
            ),
            models.Index(
                fields=["provider", "statement_sent_at"],
                # "id": the resolution deadline is looked up per case, still from the index.
                include=["treated_as", "department", "received_at", "id"],
                condition=Q(statement_sent_at__isnull=False),
                name="complaint_statement_sent",
            ),
            models.Index(
                fields=["provider", "service_restored_at"],
                include=["treated_as", "fault_validity", "department", "received_at"],
                condition=Q(service_restored_at__isnull=False),
                name="complaint_service_restored",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ComplaintDeadline(models.Model):
    """One deadline of a case: which clock, when it falls due, the rule and how it was counted.

    Rows are never edited: an extension (UN-9) or a recomputation sets `superseded_at` on the
    current row and adds a new one, so the history of every deadline stays readable. At most one
    row per clock is current (not superseded).
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="deadlines")
    clock = models.CharField(_("clock"), max_length=30, choices=choices(CLOCK_LABELS))
    due_at = models.DateTimeField(_("due at"))
    rule = models.CharField(_("rule"), max_length=16)
    # The basis: `basis_amount` `basis_unit` (days, hours, months, working_hours) from
    # `counted_from` (vocabulary.ClockEvent), e.g. 30 days from received.
    basis_amount = models.PositiveIntegerField(_("amount"))
    basis_unit = models.CharField(_("unit"), max_length=16)
    counted_from = models.CharField(
        _("counted from"), max_length=20, choices=choices(CLOCK_EVENT_LABELS)
    )
    # What a repair deadline asks for (vocabulary.Milestone); null for other clocks.
    milestone = models.CharField(_("milestone"), max_length=20, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(_("set at"))
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["complaint", "due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "clock"],
                condition=Q(superseded_at__isnull=True),
                name="deadline_one_current_per_clock",
            )
        ]
        indexes = [
            # The worker and the queues ask "which current deadlines fall due before T".
            models.Index(
                fields=["clock", "due_at"],
                condition=Q(superseded_at__isnull=True),
                name="deadline_due",
            ),
            models.Index(fields=["complaint", "clock"], name="deadline_by_complaint"),
        ]

    def __str__(self) -> str:
        return f"{self.clock} {self.due_at.isoformat()}"


class RegisterCounter(models.Model):
    """The last sequence number given in a provider's register for one year.

    Numbers are taken by `complaint_number_next` inside the registering transaction, so a
    rolled-back registration gives its number back and the register has no gaps.
    """

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="register_counters"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_sequence = models.PositiveIntegerField(_("last sequence number"), default=0)

    class Meta:
        verbose_name = _("register counter")
        verbose_name_plural = _("register counters")
        constraints = [
            models.UniqueConstraint(fields=["provider", "year"], name="register_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.year}: {self.last_sequence}"
