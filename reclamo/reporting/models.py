"""What the reports need that a complaint register never holds, and the monthly mail's mark.

A provider knows its active lines and the bills it issued from its own systems; it imports them
here per month (``reclamo import_report_inputs``, or the API) so the fault report rate (per 100
lines) and bill complaints (per 1000 bills) can be computed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportInput(models.Model):
    """One monthly figure of a provider: active lines of a service, or bills issued."""

    class Measure(models.TextChoices):
        ACTIVE_LINES = "active_lines", _("active lines")
        BILLS_ISSUED = "bills_issued", _("bills issued")

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="report_inputs"
    )
    # The first day of the month the figure is for.
    month = models.DateField(pgettext_lazy("reports", "month"))
    measure = models.CharField(
        pgettext_lazy("reports", "measure"), max_length=20, choices=Measure.choices
    )
    # The provider's own name of the service ("internet", "tv"); "" for bills.
    service = models.SlugField(pgettext_lazy("reports", "service"), max_length=50, blank=True)
    value = models.PositiveBigIntegerField(pgettext_lazy("reports", "value"))
    imported_at = models.DateTimeField(pgettext_lazy("reports", "imported at"))
    source = models.CharField(pgettext_lazy("reports", "source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("report input")
        verbose_name_plural = _("report inputs")
        ordering = ["provider", "month", "measure", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "measure", "service", "month"], name="report_input_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.measure} {self.service}: {self.value}"


class MonthlyReportMail(models.Model):
    """A provider's monthly report for one month, claimed by a sweep and then sent: at most one
    per provider and month, so a late or doubled run never mails it twice."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="monthly_report_mails"
    )
    month = models.DateField(pgettext_lazy("reports", "month"))
    claimed_at = models.DateTimeField(pgettext_lazy("reports", "claimed at"))
    sent_at = models.DateTimeField(pgettext_lazy("reports", "sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(pgettext_lazy("reports", "recipients"), default=0)

    class Meta:
        verbose_name = _("monthly report mail")
        verbose_name_plural = _("monthly report mails")
        constraints = [
            models.UniqueConstraint(fields=["provider", "month"], name="monthly_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.month:%Y-%m}"


class DailyFigures(models.Model):
    """A provider's counts for one local day, one department and one channel, kept by the
    ``dashboard_figures_sweep`` so the dashboard sums days instead of counting the register.

    Cases are counted on the day they were received (``received`` … ``deemed_upheld``) and on
    the day their written statement was sent (``sent`` … ``complaints_late``); intake refusals
    on the day the submission came in, under the department ``""`` (a refusal has none). The
    sweep recomputes every day touched since its last run; see ``reporting.figures``.
    """

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="daily_figures"
    )
    day = models.DateField(pgettext_lazy("reports", "day"))
    department = models.SlugField(pgettext_lazy("reports", "department"), max_length=50)
    channel = models.CharField(pgettext_lazy("reports", "channel"), max_length=20)
    received = models.PositiveIntegerField(default=0)
    complaints_received = models.PositiveIntegerField(default=0)
    billing_received = models.PositiveIntegerField(default=0)
    faults_received = models.PositiveIntegerField(default=0)
    faults_valid = models.PositiveIntegerField(default=0)
    deemed_upheld = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    sent_late = models.PositiveIntegerField(default=0)
    complaints_resolved = models.PositiveIntegerField(default=0)
    complaints_late = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily figures")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "day", "department", "channel"], name="daily_figures_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.day} {self.department} {self.channel}"


class BacklogFigures(models.Model):
    """The open cases of a department as the sweep last found them on ``day`` (the day's last
    run stays: the backlog at the end of each day, for the trend)."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="backlog_figures"
    )
    day = models.DateField(pgettext_lazy("reports", "day"))
    taken_at = models.DateTimeField(pgettext_lazy("reports", "taken at"))
    department = models.SlugField(pgettext_lazy("reports", "department"), max_length=50)
    open = models.PositiveIntegerField(default=0)
    age_0_7 = models.PositiveIntegerField(default=0)
    age_8_30 = models.PositiveIntegerField(default=0)
    age_31_90 = models.PositiveIntegerField(default=0)
    age_90_plus = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("backlog figures")
        verbose_name_plural = _("backlog figures")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "day", "department"], name="backlog_figures_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.day} {self.department}"


class PeriodTimes(models.Model):
    """Resolution and repair times of a period (percentiles cannot be summed from days), as
    computed at ``computed_at``; the dashboard shows them with that time."""

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.CASCADE, related_name="period_times"
    )
    first = models.DateField()
    last = models.DateField()
    # "" for every department.
    department = models.SlugField(max_length=50, blank=True)
    computed_at = models.DateTimeField()
    resolution_p50 = models.DurationField(null=True, blank=True)
    resolution_p80 = models.DurationField(null=True, blank=True)
    repair_p80 = models.DurationField(null=True, blank=True)

    class Meta:
        verbose_name = _("period times")
        verbose_name_plural = _("period times")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "first", "last", "department"], name="period_times_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.first}–{self.last} {self.department}"


class FiguresMark(models.Model):
    """How far the figures sweep has read a provider's case events, and when it last ran."""

    provider = models.OneToOneField(
        "providers.Provider", on_delete=models.CASCADE, related_name="figures_mark"
    )
    time_zone = models.CharField(max_length=64)
    swept_at = models.DateTimeField()
    # Events above ``previous_event_id`` are read again on the next run: an event committed
    # late with a lower id than the last one seen is still caught.
    event_id = models.BigIntegerField(default=0)
    previous_event_id = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("figures mark")
        verbose_name_plural = _("figures marks")

    def __str__(self) -> str:
        return f"{self.provider_id} {self.swept_at.isoformat()}"
