"""The manager's dashboard: the backlog now and the period's figures, with charts (server-
rendered SVG, each with its table) and links to the register filtered to the cases behind a
figure. Reads go through reclamo.reporting; the page is scoped to one provider by
``console_view`` (another provider is a 404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from reclamo.console.access import Console, console_view
from reclamo.console.forms import ANY, _set_choices
from reclamo.console.register import department_names
from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period, hours, last_complete_quarters
from reclamo.errors import ApplicationError
from reclamo.labels import CHANNEL_LABELS
from reclamo.public.forms import DATE_INPUT
from reclamo.reporting.backlog import AGE_BUCKETS
from reclamo.reporting.charts import Bar, bar_chart
from reclamo.reporting.dashboard import dashboard_read, default_period
from reclamo.reporting.exports import ancom_csv_lines, quality_csv_lines, quality_pdf
from reclamo.reporting.selectors import quality_report, report_period
from reclamo.reporting.services import period_times_store

# ANCOM keeps the last four periods online.
ANCOM_QUARTERS = 4

AGE_LABELS = {
    "0_7": _("up to 7 days"),
    "8_30": _("8–30 days"),
    "31_90": _("31–90 days"),
    "90_plus": _("over 90 days"),
}


class DashboardForm(forms.Form):
    received_from = forms.DateField(
        label=pgettext_lazy("reports", "From"), widget=DATE_INPUT, required=False
    )
    received_to = forms.DateField(
        label=pgettext_lazy("reports", "Until"), widget=DATE_INPUT, required=False
    )
    department = forms.ChoiceField(label=pgettext_lazy("reports", "Department"), required=False)

    def __init__(self, *args: Any, console: Console, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        policy = console.policy
        _set_choices(
            self,
            "department",
            ANY + list(department_names(policy, language).items()),
        )

    def period(self, today: date) -> Period:
        """The dates asked for; by default the last three months up to today."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last = data.get("received_to") or today
        first = data.get("received_from") or default_period(last).first
        try:
            return report_period(first=first, last=last)
        except ApplicationError as error:
            self.add_error("received_to", error.message)
            return default_period(today)


def _period(request: HttpRequest, console: Console) -> tuple[DashboardForm, Period, str | None]:
    form = DashboardForm(request.GET or None, console=console, language=get_language())
    today = timezone.now().astimezone(get_zone(console.zone)).date()
    period = form.period(today)
    department = form.cleaned_data.get("department") if form.is_bound and form.is_valid() else None
    return form, period, department or None


def _channel_label(channel: str) -> str:
    return str(CHANNEL_LABELS.get(channel, channel))  # type: ignore[call-overload]


def _local(instant: datetime | None, zone: str) -> str | None:
    """The local time of a stored figure ("14:05"), or None: counted for this page."""
    return f"{instant.astimezone(get_zone(zone)):%H:%M}" if instant is not None else None


def _percent(within: int, sent: int) -> float:
    return round(100 * within / sent) if sent else 0


@require_GET
@console_view
def dashboard_page(request: HttpRequest, console: Console) -> HttpResponse:
    language = get_language()
    form, period, department = _period(request, console)
    now = timezone.now()
    board = dashboard_read(
        provider=console.provider,
        period=period,
        time_zone=console.zone,
        now=now,
        department=department,
    )
    times = board.times
    if times.as_of is None:
        # Counted for this page: kept, so the next look at the same period is quick.
        period_times_store(
            provider=console.provider,
            period=period,
            department=department,
            times=(times.resolution_p50, times.resolution_p80, times.repair_p80),
            now=now,
        )
    names = department_names(console.policy, language)
    register = reverse("console:register", args=[console.provider.slug])
    dates = {"received_from": period.first.isoformat(), "received_to": period.last.isoformat()}

    def drill(**query: str) -> str:
        return f"{register}?{urlencode({k: v for k, v in query.items() if v})}"

    backlog: list[dict[str, Any]] = [
        {
            "name": names.get(row.department, row.department),
            "row": row,
            "ages": [(str(AGE_LABELS[name]), row.ages[name]) for name, _low, _high in AGE_BUCKETS],
            "url": drill(department=row.department),
            "overdue_url": drill(department=row.department, overdue="1"),
        }
        for row in board.backlog
    ]
    compliance: list[dict[str, Any]] = [
        {
            "month": item.month,
            "sent": item.sent,
            "within": item.within,
            "percent": _percent(item.within, item.sent),
        }
        for item in board.compliance
    ]
    channels: list[dict[str, Any]] = [
        {
            "label": _channel_label(channel),
            "count": n,
            "url": drill(channel=channel, department=department or "", **dates),
        }
        for channel, n in board.channels.items()
    ]
    refusals = [
        {"label": _channel_label(channel), "count": n} for channel, n in board.refusals.items()
    ]
    trend = board.trend or []
    charts = {
        "backlog": bar_chart(
            title=gettext("Open cases by department"),
            description=gettext(
                "Open cases now, per department; the table also gives their age and how many "
                "are overdue."
            ),
            bars=[Bar(item["name"], item["row"].open, str(item["row"].open)) for item in backlog],
        ),
        "compliance": bar_chart(
            title=gettext("Deadline compliance per month"),
            description=gettext(
                "Share of written answers sent by the deadline, per month of sending."
            ),
            bars=[
                Bar(
                    f"{item['month']:%Y-%m}",
                    item["percent"],
                    f"{item['percent']} %",
                    "" if item["percent"] >= 90 else "warn",
                )
                for item in compliance
            ],
            scale=100,
        ),
        "trend": bar_chart(
            title=gettext("Overdue cases over the period"),
            description=gettext(
                "Open cases past their deadline at the end of each week (or month of a long "
                "period), as last recorded that week; the table also gives those at risk."
            ),
            bars=[
                Bar(f"{point.day:%d.%m}", point.overdue, str(point.overdue), "warn")
                for point in trend
            ],
        ),
        "channels": bar_chart(
            title=gettext("Cases per channel"),
            description=gettext("Cases received in the period, by the channel they came through."),
            bars=[Bar(item["label"], item["count"], str(item["count"])) for item in channels],
        ),
    }
    query: dict[str, str] = {k: str(v) for k, v in request.GET.items() if k in form.fields and v}
    context = {
        "console_page": "dashboard",
        "provider": console.provider,
        "policy": console.policy,
        "form": form,
        "period": period,
        "department_name": names.get(department or "", ""),
        "backlog": backlog,
        "open_total": sum(row.open for row in board.backlog),
        "overdue_total": sum(row.overdue for row in board.backlog),
        "at_risk_total": sum(row.at_risk for row in board.backlog),
        "overdue_url": drill(department=department or "", overdue="1"),
        "compliance": compliance,
        "channels": channels,
        "refusals": refusals,
        "deemed_upheld": board.deemed_upheld,
        "deemed_url": drill(status="deemed_upheld", department=department or "", **dates),
        "median": hours(times.resolution_p50),
        "p80": hours(times.resolution_p80),
        "resolved": times.resolved,
        "within_share": times.within_term_share,
        "repair_p80": hours(times.repair_p80),
        "times_as_of": _local(times.as_of, console.zone),
        "backlog_as_of": _local(board.backlog_as_of, console.zone),
        "figures_as_of": _local(board.figures_as_of, console.zone),
        "trend": trend,
        "charts": charts,
        "export_query": urlencode({**query, **dates}),
        # The ANCOM table is Romania's regulator's format.
        "ancom": console.policy.country == "RO",
    }
    return render(request, "console/dashboard.html", context)


def _report_for_export(request: HttpRequest, console: Console) -> Any:
    _form, period, department = _period(request, console)
    return quality_report(
        provider=console.provider, period=period, time_zone=console.zone, department=department
    )


@require_GET
@console_view
def quality_export_csv(request: HttpRequest, console: Console) -> HttpResponse:
    report = _report_for_export(request, console)
    response = HttpResponse(
        "".join(quality_csv_lines(report)), content_type="text/csv; charset=utf-8"
    )
    label = report.period.label.replace("/", "_")
    response["Content-Disposition"] = (
        f'attachment; filename="quality-{console.provider.slug}-{label}.csv"'
    )
    return response


@require_GET
@console_view
def quality_export_pdf(request: HttpRequest, console: Console) -> HttpResponse:
    report = _report_for_export(request, console)
    language = get_language()
    names = department_names(console.policy, language)
    response = HttpResponse(
        quality_pdf(report, provider_name=console.provider.name, department_names=names),
        content_type="application/pdf",
    )
    label = report.period.label.replace("/", "_")
    response["Content-Disposition"] = (
        f'attachment; filename="quality-{console.provider.slug}-{label}.pdf"'
    )
    return response


@require_GET
@console_view
def ancom_export_csv(request: HttpRequest, console: Console) -> HttpResponse:
    """The ANCOM table (Decision 1201/2011 as amended): the last four complete quarters, the
    whole provider, in the regulator's rows."""
    today = timezone.now().astimezone(get_zone(console.zone)).date()
    reports = [
        quality_report(provider=console.provider, period=quarter, time_zone=console.zone)
        for quarter in last_complete_quarters(today, ANCOM_QUARTERS)
    ]
    response = HttpResponse(
        "".join(ancom_csv_lines(reports)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ancom-{console.provider.slug}.csv"'
    return response
