"""A small fixed-window rate limit on the shared cache (autosave: 10 requests a second)."""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


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
    """Refuse a user's POSTs beyond AUTOSAVE_RATE per second with 429; the page retries."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            request.method == "POST"
            and request.user.is_authenticated
            and not allowed(f"autosave:{request.user.pk}", limit=settings.AUTOSAVE_RATE)
        ):
            response = HttpResponse(
                "Too many saves at once; your text is kept and will be sent again.",
                status=429,
                content_type="text/plain",
            )
            response["Retry-After"] = "1"
            return response
        return view(request, *args, **kwargs)

    return wrapper
