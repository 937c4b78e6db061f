"""Public pages: the list of providers and each provider's contact page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext

from reclamo.accounts.tenancy import user_may_view
from reclamo.domain.calendar import get_zone
from reclamo.domain.deadlines import Basis, IntakeDecision, preview
from reclamo.domain.errors import DomainError
from reclamo.domain.policy import Policy
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.formats import zone_name
from reclamo.labels import CLOCK_EVENT_LABELS, CLOCK_EXPLANATIONS, CLOCK_LABELS
from reclamo.providers.models import Provider
from reclamo.providers.selectors import (
    policy_current,
    policy_in_force,
    policy_of,
    provider_get,
    provider_list,
)
from reclamo.public.contact import contact_page
from reclamo.public.contact_departments import departments
from reclamo.public.forms import DeadlineQuestionForm
from reclamo.public.rules import rule_entries
from reclamo.public.texts import Text, choose, localized


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


def _period_words(basis: Basis) -> str:
    count = basis.amount
    if basis.unit == "days":
        return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
    if basis.unit == "months":
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    if basis.unit == "working_hours":
        return ngettext("%(count)d working hour", "%(count)d working hours", count) % {
            "count": count
        }
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


def _basis_words(basis: Basis, policy: Policy) -> str:
    """ "Counted as 30 days from when the provider receives it." (T-1 … T-5 in plain words)."""
    words = gettext("Counted as %(period)s %(start)s.") % {
        "period": _period_words(basis),
        "start": CLOCK_EVENT_LABELS[basis.counted_from],
    }
    if basis.unit in {"days", "months"} and policy.roll_to_working_day:
        words += " " + gettext(
            "A period ending on a weekend day or public holiday ends on the next working day."
        )
    if basis.unit == "working_hours":
        words += " " + gettext("Only the provider's working hours count.")
    return words


def _deadline_rows(answer: IntakeDecision, policy: Policy) -> list[dict[str, Any]]:
    # A repair deadline is explained by what must be done by then (PC-4: started, or done).
    return [
        {
            "key": deadline.clock,
            "title": CLOCK_LABELS[deadline.clock],
            "at": deadline.due_at,
            "explanation": CLOCK_EXPLANATIONS[deadline.milestone or deadline.clock],
            "basis": _basis_words(deadline.basis, policy),
            "rule": deadline.rule,
        }
        for deadline in answer.deadlines
    ]


def _department(policy: Policy, slug: str | None, language: str) -> dict[str, Text] | None:
    """Where the case goes (PN-1 routing), named as the contact page names the department."""
    department = policy.department(slug) if slug else None
    if department is None:
        return None
    return {
        "name": localized(policy, department.name, language),
        "description": localized(policy, department.description, language),
    }


def deadline_calculator(request: HttpRequest, slug: str) -> HttpResponse:
    """ "When will my complaint be answered?" — the deadline preview as a page (api.md)."""
    provider, policy = _provider_policy(slug)
    language = get_language()
    zone = get_zone(policy.time_zone)
    context: dict[str, Any] = {
        "provider": provider,
        "policy": policy,
        "zone": policy.time_zone,
        "zone_label": zone_name(policy.time_zone, policy.country, language),
    }
    with timezone.override(zone):
        form = DeadlineQuestionForm(
            request.POST if request.method == "POST" else None, policy=policy, language=language
        )
        if request.method == "POST" and form.is_valid():
            facts = form.case_facts()
            try:
                # The procedure in force when the case is received governs it, as in the API.
                governing = policy_of(policy_in_force(provider=provider, at=facts.received_at))
                answer = preview(governing, facts)
            except (DomainError, ApplicationError) as error:
                form.add_error(
                    error.field if error.field in form.fields else None, error_message(error)
                )
            else:
                context["answer"] = answer
                context["rows"] = _deadline_rows(answer, governing)
                context["department"] = _department(governing, answer.department, language)
                # The engine's messages, in the same language choice as every policy text.
                default = policy.default_language
                context["refusal"] = choose(
                    answer.refusal.texts if answer.refusal else None, language, default
                )
                context["notice"] = choose(
                    answer.notice.texts if answer.notice else None, language, default
                )
    context["form"] = form
    htmx = getattr(request, "htmx", False)  # django-htmx's middleware sets it
    template = "public/_deadline_answer.html" if htmx else "public/deadlines.html"
    return render(request, template, context)
