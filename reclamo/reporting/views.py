"""The public quality page of a provider (ANCOM Decision 1201/2011): the indicators of the last
four complete quarters, with the method in plain words. Only where the provider's procedure
turns it on (``quality_page: true``); elsewhere the address is a 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from reclamo.domain.calendar import get_zone
from reclamo.domain.quality import last_complete_quarters
from reclamo.providers.selectors import policy_current, provider_get
from reclamo.reporting.exports import indicator_figures
from reclamo.reporting.selectors import quality_report

QUARTERS = 4


@require_GET
def quality_page(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_get(slug=slug)
    policy = policy_current(provider=provider) if provider is not None else None
    if provider is None or policy is None or not policy.quality_page:
        raise Http404("This provider publishes no quality page.")
    today = timezone.now().astimezone(get_zone(policy.time_zone)).date()
    quarters = last_complete_quarters(today, QUARTERS)
    reports = [
        quality_report(provider=provider, period=quarter, time_zone=policy.time_zone)
        for quarter in quarters
    ]
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
