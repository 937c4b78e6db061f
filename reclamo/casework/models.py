"""What case handling adds to the register: who works in which department, who took a case,
internal notes, technician visits, the written statement, and the marks of fired timers.

The case itself (its status, outcome, deadlines, investigation fields) stays in
``reclamo.complaints``; every change here is made by ``reclamo.casework.services`` together with
its audit event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reclamo.labels import OUTCOME_LABELS, STATEMENT_MEANS_LABELS, TIMER_KIND_LABELS, choices


class DepartmentMembership(models.Model):
    """A department agent works in one department of their provider's procedure (PN-1); an
    agent may be in several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="department_memberships",
    )
    department = models.SlugField(_("department"), max_length=50)

    class Meta:
        verbose_name = _("department membership")
        verbose_name_plural = _("department memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.department}"


class CaseAssignment(models.Model):
    """Who took a case from the queue. Taken with a conditional UPDATE (``agent IS NULL``), so
    when two agents click at once one wins and the other is told."""

    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="assignment",
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.complaint_id} → {self.agent_id}"


class CaseNote(models.Model):
    """An internal note on a case: staff only, never sent to the customer."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="notes",
    )
    at = models.DateTimeField(_("at"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["complaint", "at"], name="case_note_by_case")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.at.isoformat()}"


class TechnicianVisit(models.Model):
    """A technician's visit for a case (UN-5, UN-6, PC-8, PC-10): when, how far, whether the
    customer caused the fault or insisted on an unneeded trip. ``charge_amount`` is filled from
    the provider's price list by the remedies engine (hook: ``visit_charge``); null until then."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="technician_visits",
    )
    visited_at = models.DateTimeField(_("visited at"))
    kilometres = models.DecimalField(
        _("kilometres"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    trips = models.PositiveSmallIntegerField(_("trips"), default=1)
    customer_caused = models.BooleanField(_("customer caused the fault"), default=False)
    customer_insisted = models.BooleanField(
        _("customer insisted although not needed"), default=False
    )
    note = models.TextField(_("note"), blank=True)
    rule = models.CharField(_("rule"), max_length=16, blank=True)
    charge_amount = models.DecimalField(
        _("charge"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    charge_currency = models.CharField(_("currency"), max_length=3, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("technician visit")
        verbose_name_plural = _("technician visits")
        ordering = ["visited_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.visited_at.isoformat()}"


class Statement(models.Model):
    """The decision on a case and its written statement (a PDF letter in the customer's
    language). ``sent_at`` is the procedure's end (UN-11, PC-15)."""

    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="statement",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=choices(OUTCOME_LABELS))
    reasons = models.TextField(_("reasons"), blank=True)
    # The remedy as the remedies engine computes it (amounts as strings, currency, rules).
    remedy = models.JSONField(_("remedy"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_label = models.CharField(_("decided by (label)"), max_length=150, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    means = models.CharField(
        _("sent"), max_length=10, choices=choices(STATEMENT_MEANS_LABELS), default="email"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # PC-14: why a case was decided while an older one of its queue was still open.
    out_of_order_reason = models.TextField(_("reason for deciding out of order"), blank=True)

    class Meta:
        verbose_name = _("written statement")
        verbose_name_plural = _("written statements")
        # Quality reports read statements sent within a period.
        indexes = [models.Index(fields=["sent_at"], name="statement_by_sent")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.outcome}"


class TimerMark(models.Model):
    """A timer that fired: one row per (deadline, kind), inserted in the same transaction as
    its effect, so a timer fires exactly once — after a restart, with several workers."""

    deadline = models.ForeignKey(
        "complaints.ComplaintDeadline",
        verbose_name=_("deadline"),
        on_delete=models.CASCADE,
        related_name="timer_marks",
    )
    kind = models.CharField(_("timer"), max_length=20, choices=choices(TIMER_KIND_LABELS))
    fired_at = models.DateTimeField(_("fired at"))

    class Meta:
        verbose_name = _("fired timer")
        verbose_name_plural = _("fired timers")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind"], name="timer_fires_once")
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {self.kind}"
