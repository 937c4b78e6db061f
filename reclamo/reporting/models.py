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
