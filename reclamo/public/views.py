"""Public pages: the list of providers and each provider's contact page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from reclamo.accounts.tenancy import user_may_view
from reclamo.domain.calendar import get_zone
from reclamo.domain.policy import Policy
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get, provider_list
from reclamo.public.contact import contact_page
from reclamo.public.contact_departments import departments
from reclamo.public.deadline_preview import deadline_preview, zone_context
from reclamo.public.forms import DeadlineQuestionForm
from reclamo.public.rules import rule_entries


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html", {"providers": provider_list()})


def _provider_policy(slug: str) -> tuple[Provider, Policy]:
    provider = provider_get(slug=slug)
    policy = policy_current(provider=provider) if provider is not None else None
    if provider is None or policy is None:
        raise Http404("No such provider.")
    return provider, policy


def provider_contact(request: HttpRequest, slug: str) -> HttpResponse:
    provider, policy = _provider_policy(slug)
    now = timezone.now()
    outdated = (
        policy.outdated_citations(now.date()) if user_may_view(request.user, provider) else []
    )
    context = {
        "provider": provider,
        "page": contact_page(policy, language=get_language(), now=now),
        "outdated_citations": outdated,
        "policy": policy,
        "language": get_language(),
    }
    return render(request, "public/provider.html", context)


def provider_open_now(request: HttpRequest, slug: str) -> HttpResponse:
    """The departments block alone, refreshed by htmx so "open now" stays true on an open tab."""
    provider, policy = _provider_policy(slug)
    entries = departments(policy, language=get_language(), now=timezone.now())
    return render(
        request, "public/_departments.html", {"provider": provider, "departments": entries}
    )


def provider_rules(request: HttpRequest, slug: str) -> HttpResponse:
    """What each rule id the calculator cites sets, so a rule id links to something readable."""
    provider, policy = _provider_policy(slug)
    entries = rule_entries(policy, get_language())
    return render(
        request, "public/rules.html", {"provider": provider, "policy": policy, "entries": entries}
    )


def deadline_calculator(request: HttpRequest, slug: str) -> HttpResponse:
    """ "When will my complaint be answered?" — the deadline preview as a page (api.md)."""
    provider, policy = _provider_policy(slug)
    language = get_language()
    zone = get_zone(policy.time_zone)
    context: dict[str, Any] = {
        "provider": provider,
        "policy": policy,
        **zone_context(policy, language),
    }
    with timezone.override(zone):
        form = DeadlineQuestionForm(
            request.POST if request.method == "POST" else None, policy=policy, language=language
        )
        if request.method == "POST" and form.is_valid():
            # The engine's messages fall back as every policy text on this page does: to the
            # current procedure's language.
            context.update(
                deadline_preview(
                    provider=provider,
                    form=form,
                    language=language,
                    fallback_language=policy.default_language,
                )
            )
    context["form"] = form
    htmx = getattr(request, "htmx", False)  # django-htmx's middleware sets it
    template = "public/_deadline_answer.html" if htmx else "public/deadlines.html"
    return render(request, template, context)
