"""Writes of the reporting area: the inputs a provider imports, and the monthly report mail."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reclamo.complaints.models import Complaint, ComplaintEvent, IntakeRecord
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.domain.quality import Period, last_complete_month
from reclamo.providers.models import Provider, ProviderEvent
from reclamo.providers.selectors import policy_current
from reclamo.reporting.backlog import AGE_BUCKETS, backlog_now
from reclamo.reporting.dashboard import default_period
from reclamo.reporting.exports import quality_pdf
from reclamo.reporting.figures import COUNT_FIELDS, day_figures, day_ranges, days_touched
from reclamo.reporting.inputs import InputRow
from reclamo.reporting.models import (
    BacklogFigures,
    DailyFigures,
    FiguresMark,
    MonthlyReportMail,
    PeriodTimes,
    ReportInput,
)
from reclamo.reporting.resolution_times import NO_PERCENTILES, Percentiles, period_times
from reclamo.reporting.selectors import quality_report

logger = logging.getLogger(__name__)


def report_inputs_import(
    *, provider: Provider, rows: Sequence[InputRow], source: str, actor: str, now: datetime
) -> int:
    """Store the rows (a figure given again for the same month replaces the earlier one), all
    or none, and record the import in the provider's history (``ProviderEvent``: who, from
    where, which months and measures); returns how many rows were stored."""
    with transaction.atomic(durable=True):
        ProviderEvent.objects.create(
            provider=provider,
            at=now,
            actor=actor[:150],
            type=ProviderEvent.Type.REPORT_INPUTS_IMPORTED,
            data={
                "source": source[:255],
                "figures": len(rows),
                "months": sorted({f"{row.month:%Y-%m}" for row in rows}),
                "measures": sorted({row.measure for row in rows}),
            },
        )
        ReportInput.objects.bulk_create(
            [
                ReportInput(
                    provider=provider,
                    month=row.month,
                    measure=row.measure,
                    service=row.service,
                    value=row.value,
                    imported_at=now,
                    source=source[:255],
                )
                for row in rows
            ],
            update_conflicts=True,
            unique_fields=["provider", "measure", "service", "month"],
            update_fields=["value", "imported_at", "source"],
        )
    return len(rows)


# A claim whose mail was not marked sent after this long is taken again (its worker died).
CLAIM_TIMEOUT = timedelta(hours=1)


def _claim(provider: Provider, month: date, now: datetime) -> MonthlyReportMail | None:
    """This run's claim on the provider's report for ``month``, or None: sent, or being sent."""
    try:
        with transaction.atomic(durable=True):
            return MonthlyReportMail.objects.create(provider=provider, month=month, claimed_at=now)
    except IntegrityError:
        pass
    with transaction.atomic(durable=True):
        mail = MonthlyReportMail.objects.select_for_update().get(provider=provider, month=month)
        if mail.sent_at is not None or mail.claimed_at > now - CLAIM_TIMEOUT:
            return None
        mail.claimed_at = now
        mail.save(update_fields=["claimed_at"])
        return mail


def monthly_report_deliver(*, provider: Provider, policy: Policy, period: Period) -> int:
    """Mail the provider's administrators the quality report of ``period`` as a PDF, in the
    procedure's language; returns how many were sent to."""
    recipients = list(
        get_user_model()
        .objects.filter(provider=provider, role="provider_admin", is_active=True, email__gt="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    with translation.override(policy.default_language):
        report = quality_report(provider=provider, period=period, time_zone=policy.time_zone)
        names = {d.slug: policy.text(d.name) for d in policy.departments}
        pdf = quality_pdf(report, provider_name=provider.name, department_names=names)
        subject = _("%(provider)s: complaint handling report for %(month)s") % {
            "provider": provider.name,
            "month": period.label,
        }
        body = _(
            "Attached is the report of complaint handling for %(month)s: complaints received and "
            "resolved, resolution times, deadlines met and fault repairs, as the regulator "
            "counts them."
        ) % {"month": period.label}
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach(f"report-{provider.slug}-{period.label}.pdf", pdf, "application/pdf")
    message.send(fail_silently=False)
    return len(recipients)


def monthly_reports_send(*, now: datetime) -> int:
    """The sweep: each provider's report for its last complete month (in its own zone), once.
    Returns how many reports were mailed this run (a provider without administrators is marked
    done with no recipient)."""
    sent = 0
    for provider in Provider.objects.filter(is_active=True).order_by("pk"):
        policy = policy_current(provider=provider)
        if policy is None:
            continue
        period = last_complete_month(now.astimezone(get_zone(policy.time_zone)).date())
        mail = _claim(provider, period.first, now)
        if mail is None:
            continue
        try:
            count = monthly_report_deliver(provider=provider, policy=policy, period=period)
        except Exception:
            # Left claimed and unsent: a run after CLAIM_TIMEOUT tries again.
            logger.exception("monthly report of %s for %s not sent", provider.slug, period.label)
            continue
        MonthlyReportMail.objects.filter(pk=mail.pk).update(
            sent_at=timezone.now(), recipients=count
        )
        sent += 1 if count else 0
    return sent


def period_times_store(
    *,
    provider: Provider,
    period: Period,
    department: str | None,
    times: Percentiles,
    now: datetime,
) -> None:
    """Keep a period's percentiles as computed at ``now`` (the dashboard shows them with it)."""
    p50, p80, repair_p80 = times
    with transaction.atomic(durable=True):
        PeriodTimes.objects.update_or_create(
            provider=provider,
            first=period.first,
            last=period.last,
            department=department or "",
            defaults={
                "computed_at": now,
                "resolution_p50": p50,
                "resolution_p80": p80,
                "repair_p80": repair_p80,
            },
        )


def provider_figures_refresh(*, provider: Provider, time_zone: str, now: datetime) -> int:
    """Recount the days whose figures may have changed since the last run (the days of the
    cases touched by events since then, and the days since the last run), record today's
    backlog and the default period's percentiles. Idempotent: a doubled run recounts the same
    days to the same figures. Returns how many days were recounted."""
    zone = get_zone(time_zone)
    today = now.astimezone(zone).date()
    mark = FiguresMark.objects.filter(provider=provider).first()
    if mark is None or mark.time_zone != time_zone:
        # Everything, once: from the first case (or refusal) to today.
        newest = ComplaintEvent.objects.aggregate(newest=Max("id"))["newest"] or 0
        firsts = [
            Complaint.objects.filter(provider=provider).aggregate(first=Min("received_at")),
            IntakeRecord.objects.filter(provider=provider).aggregate(first=Min("received_at")),
        ]
        instants = [row["first"] for row in firsts if row["first"] is not None]
        first = min(instants).astimezone(zone).date() if instants else today
        days = {first + timedelta(days=n) for n in range((today - first).days + 1)}
        previous = newest
    else:
        since = min(mark.swept_at.astimezone(zone).date() - timedelta(days=1), today)
        days = {since + timedelta(days=n) for n in range((today - since).days + 1)}
        touched, newest = days_touched(
            provider=provider, after_event=mark.previous_event_id, time_zone=time_zone
        )
        days |= {day for day in touched if day <= today}
        newest = max(newest, mark.event_id)
        previous = mark.event_id
    counted = [
        (first, last, day_figures(provider=provider, first=first, last=last, time_zone=time_zone))
        for first, last in day_ranges(days)
    ]
    backlog = backlog_now(provider, None, now)
    with transaction.atomic(durable=True):
        # One writer per provider at a time: a doubled run waits, then rewrites the same days.
        Provider.objects.select_for_update().filter(pk=provider.pk).first()
        for first, last, figures in counted:
            DailyFigures.objects.filter(provider=provider, day__gte=first, day__lte=last).delete()
            DailyFigures.objects.bulk_create(
                [
                    DailyFigures(
                        provider=provider,
                        day=day,
                        department=department,
                        channel=channel,
                        **{name: getattr(counts, name) for name in COUNT_FIELDS},
                    )
                    for (day, department, channel), counts in figures.items()
                ],
                batch_size=2000,
            )
        BacklogFigures.objects.filter(provider=provider, day=today).delete()
        BacklogFigures.objects.bulk_create(
            [
                BacklogFigures(
                    provider=provider,
                    day=today,
                    taken_at=now,
                    department=row.department,
                    open=row.open,
                    **{f"age_{name}": row.ages[name] for name, _low, _high in AGE_BUCKETS},
                    overdue=row.overdue,
                    at_risk=row.at_risk,
                )
                for row in backlog
            ]
        )
        FiguresMark.objects.update_or_create(
            provider=provider,
            defaults={
                "time_zone": time_zone,
                "swept_at": now,
                "event_id": newest,
                "previous_event_id": previous,
            },
        )
        PeriodTimes.objects.filter(
            provider=provider, computed_at__lt=now - timedelta(days=1)
        ).delete()
    return len(days)


def dashboard_figures_refresh(*, now: datetime) -> int:
    """The sweep: each active provider's stored dashboard figures brought up to ``now``, and
    the percentiles of its default period (every department, and each one). Returns how many
    days were recounted."""
    recounted = 0
    for provider in Provider.objects.filter(is_active=True).order_by("pk"):
        policy = policy_current(provider=provider)
        if policy is None:
            continue
        recounted += provider_figures_refresh(
            provider=provider, time_zone=policy.time_zone, now=now
        )
        period = default_period(now.astimezone(get_zone(policy.time_zone)).date())
        total, departments = period_times(
            provider=provider, period=period, time_zone=policy.time_zone
        )
        period_times_store(provider=provider, period=period, department=None, times=total, now=now)
        for slug in (d.slug for d in policy.departments):
            period_times_store(
                provider=provider,
                period=period,
                department=slug,
                times=departments.get(slug, NO_PERCENTILES),
                now=now,
            )
    return recounted
