"""A small fixed-window rate limit on the shared cache (autosave: 10 requests a second)."""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from ethicsdesk.not_saved import RATE_LIMITED, htmx_refusal


def allowed(key: str, *, limit: int, window: float = 1.0) -> bool:
    bucket = f"ratelimit:{key}:{int(time.time() / window)}"
    if cache.add(bucket, 1, timeout=int(window) + 1):
        return True
    try:
        return cache.incr(bucket) <= limit
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=int(window) + 1)
        return True


def autosave_limit(view):
    """Refuse a user's autosaves beyond AUTOSAVE_RATE per second (429); the page sends them
    again. Only htmx POSTs are autosaves: a person's explicit save (a plain POST from "Save"
    or "Save and continue") is never refused by this limit."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            request.method == "POST"
            and request.headers.get("HX-Request") == "true"
            and request.user.is_authenticated
            and not allowed(f"autosave:{request.user.pk}", limit=settings.AUTOSAVE_RATE)
        ):
            return htmx_refusal(RATE_LIMITED)
        return view(request, *args, **kwargs)

    return wrapper
