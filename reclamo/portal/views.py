"""Public pages: the list of providers and each provider's contact page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import Preview, preview
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.portal.contact import contact_page, departments
from reclamo.portal.forms import DeadlineQuestionForm
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get, provider_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"providers": provider_list()})


def _provider_policy(slug: str) -> tuple[Provider, Policy]:
    provider = provider_get(slug=slug)
    policy = policy_current(provider=provider) if provider is not None else None
    if provider is None or policy is None:
        raise Http404("No such provider.")
    return provider, policy


def _is_staff_of(request: HttpRequest, provider: Provider) -> bool:
    user = request.user
    return bool(user.is_superuser or getattr(user, "provider_id", None) == provider.pk)


def provider_contact(request: HttpRequest, slug: str) -> HttpResponse:
    provider, policy = _provider_policy(slug)
    now = timezone.now()
    outdated = policy.outdated_citations(now.date()) if _is_staff_of(request, provider) else []
    context = {
        "provider": provider,
        "page": contact_page(policy, language=get_language(), now=now),
        "outdated_citations": outdated,
        "policy": policy,
        "language": get_language(),
    }
    return render(request, "portal/provider.html", context)


def provider_open_now(request: HttpRequest, slug: str) -> HttpResponse:
    """The departments block alone, refreshed by htmx so "open now" stays true on an open tab."""
    provider, policy = _provider_policy(slug)
    entries = departments(policy, language=get_language(), now=timezone.now())
    return render(
        request, "portal/_departments.html", {"provider": provider, "departments": entries}
    )


DEADLINE_EXPLANATIONS = {
    "internal_target": _(
        "The provider's own target for dealing with it, counted in working hours only."
    ),
    "resolution": _(
        "The latest time by which the provider must settle your case and send you the result."
    ),
    "resolution_extended_max": _(
        "The provider may extend the period once, with a reason, telling you before the first "
        "deadline; it can never go beyond this."
    ),
    "deemed_upheld": _(
        "If your complaint is not resolved by then, it counts as upheld — automatically."
    ),
    "repair_started": _("The repair must start by then."),
    "repair_done": _("The repair must be finished by then."),
}
DEADLINE_TITLES = {
    "internal_target": _("Internal target"),
    "resolution": _("Answer due"),
    "resolution_extended_max": _("Longest possible extension"),
    "deemed_upheld": _("Deemed upheld"),
    "repair": _("Repair"),
}


def _deadline_rows(answer: Preview) -> list[dict[str, Any]]:
    deadlines = answer.deadlines
    rows = []
    for key, title in DEADLINE_TITLES.items():
        value = getattr(deadlines, key)
        if value is None:
            continue
        explanation_key = key
        if key == "repair":
            explanation_key = deadlines.repair_milestone or "repair_done"
        rows.append(
            {
                "key": key,
                "title": title,
                "at": value,
                "explanation": DEADLINE_EXPLANATIONS[explanation_key],
                "rule": deadlines.rules.get(key, ""),
            }
        )
    return rows


def deadline_calculator(request: HttpRequest, slug: str) -> HttpResponse:
    """ "When will my complaint be answered?" — the deadline preview as a page (api.md)."""
    provider, policy = _provider_policy(slug)
    language = get_language()
    zone = get_zone(policy.time_zone)
    context: dict[str, Any] = {"provider": provider, "policy": policy, "zone": policy.time_zone}
    with timezone.override(zone):
        form = DeadlineQuestionForm(
            request.POST if request.method == "POST" else None, policy=policy, language=language
        )
        if request.method == "POST" and form.is_valid():
            try:
                answer = preview(policy, form.preview_request())
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                context["answer"] = answer
                context["rows"] = _deadline_rows(answer)
                context["refusal"] = (
                    answer.refusal.text(language, policy.default_language) if answer.refusal else ""
                )
                context["notice"] = (
                    answer.notice.text(language, policy.default_language) if answer.notice else ""
                )
    context["form"] = form
    htmx = getattr(request, "htmx", False)  # django-htmx's middleware sets it
    template = "portal/_deadline_answer.html" if htmx else "portal/deadlines.html"
    return render(request, template, context)
