"""Public pages: the list of providers and each provider's contact page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get, provider_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"providers": provider_list()})


def _provider_or_404(slug: str) -> Provider:
    provider = provider_get(slug=slug)
    if provider is None:
        raise Http404("No such provider.")
    return provider


def provider_contact(request: HttpRequest, slug: str) -> HttpResponse:
    provider = _provider_or_404(slug)
    policy = policy_current(provider=provider)
    return render(request, "portal/provider.html", {"provider": provider, "policy": policy})
