"""Public pages: the list of providers and each provider's contact page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from reclamo.domain.policy import Policy
from reclamo.portal.contact import contact_page, departments
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
