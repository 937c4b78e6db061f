"""Who may open the console, and for which provider.

A provider's staff (complaint handlers and provider administrators) see their own provider's
register; the superuser chooses any provider. Anonymous visitors are sent to sign in; a signed-in
customer gets a 403 page; another provider's pages (and so its case numbers) are a 404, so the
console does not even confirm that a case exists elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from reclamo.accounts.tenancy import user_is_superuser, user_may_view
from reclamo.domain.policy import Policy
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current, provider_get


@dataclass(frozen=True, slots=True)
class Console:
    """The provider a console page works on, and the procedure currently in force there."""

    provider: Provider
    policy: Policy

    @property
    def zone(self) -> str:
        return self.policy.time_zone


def user_is_console_member(user: Any) -> bool:
    """A provider's staff member or the superuser: someone the console is for."""
    return user_is_superuser(user) or bool(getattr(user, "is_provider_staff", False))


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "console/forbidden.html", status=403)


Response = TypeVar("Response", bound=HttpResponseBase)


def console_view(view: Callable[..., Response]) -> Callable[..., Response | HttpResponse]:
    """Resolve ``slug`` to a :class:`Console` the signed-in user may work in, or answer
    login / 403 / 404; the view receives ``console`` instead of ``slug``."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, **kwargs: Any) -> Response | HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_console_member(request.user):
            return forbidden(request)
        provider = provider_get(slug=slug)
        if provider is None or not user_may_view(request.user, provider):
            raise Http404("No such provider in your console.")
        policy = policy_current(provider=provider)
        if policy is None:
            raise Http404("This provider has no procedure loaded yet.")
        return view(request, console=Console(provider=provider, policy=policy), **kwargs)

    return wrapper
