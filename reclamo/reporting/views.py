"""The public quality page of a provider (ANCOM Decision 1201/2011): the indicators of the last
four complete quarters, with the method in plain words. Only where the provider's procedure
turns it on (``quality_page: true``); elsewhere the address is a 404."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import Period, last_complete_quarters
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get
from reclamo.reporting.exports import indicator_figures
from reclamo.reporting.selectors import QualityReport, quality_report

QUARTERS = 4
# The quarters shown are complete: their figures change only when a past case is corrected, so
# a process keeps each for a while instead of counting a million-case register per visitor.
QUARTER_CACHE_SECONDS = 15 * 60


def _quarter_report(provider: Provider, quarter: Period, time_zone: str) -> QualityReport:
    key = f"reclamo:quality-page:{provider.pk}:{quarter.first}:{quarter.last}:{time_zone}"
    report = cache.get(key)
    if report is None:
        report = quality_report(provider=provider, period=quarter, time_zone=time_zone)
        cache.set(key, report, QUARTER_CACHE_SECONDS)
    return report  # type: ignore[no-any-return]


@require_GET
def quality_page(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_get(slug=slug)
    policy = policy_current(provider=provider) if provider is not None else None
    if provider is None or policy is None or not policy.quality_page:
        raise Http404("This provider publishes no quality page.")
    today = timezone.now().astimezone(get_zone(policy.time_zone)).date()
    quarters = last_complete_quarters(today, QUARTERS)
    reports = [_quarter_report(provider, quarter, policy.time_zone) for quarter in quarters]
    columns = [indicator_figures(report.total, report) for report in reports]
    rows = [
        (figures[0].label, [figure.shown for figure in figures])
        for figures in zip(*columns, strict=True)
    ]
    return render(
        request,
        "reporting/quality_page.html",
        {"provider": provider, "policy": policy, "quarters": quarters, "rows": rows},
    )
