"""The address a request really came from, as django-axes keys its sign-in lock-outs on it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind N trusted proxies the N-th address from the end of
    X-Forwarded-For (each proxy appends the peer it saw; earlier entries are the client's word).

    A header shorter than the proxy chain, or an entry that is not an address, is not trusted:
    the proxy's own address is used, so a forged header can only lock out the forger's proxy.
    """
    remote = request.META.get("REMOTE_ADDR")
    hops: int = getattr(settings, "RECLAMO_TRUSTED_PROXY_COUNT", 0)
    if hops <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
