"""The client's address, for the whole app: sign-in lockouts (django-axes), the audit trail
and any limit keyed by address.

Behind ``TRUSTED_PROXY_COUNT`` proxies of ours, each proxy appends the address it received
the request from to ``X-Forwarded-For``; everything to the left of those entries was written
by the client and can be forged. So the client is the rightmost address our proxies did not
write: the ``TRUSTED_PROXY_COUNT``-th from the right. Anything malformed falls back to
``REMOTE_ADDR`` (the nearest peer), never an error.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    # Several X-Forwarded-For headers arrive joined by commas, in order.
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # the request did not come through all our proxies
    return _valid(forwarded[-proxies]) or remote
