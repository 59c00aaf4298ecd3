"""Fixed-window rate limits shared by every app server (autosave: AUTOSAVE_RATE a second per
person; comments: COMMENT_RATE a minute), counted in PostgreSQL by ``ops.counters``."""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ethicsdesk.not_saved import RATE_LIMITED, htmx_refusal
from ops import counters


def allowed(key: str, *, limit: int, window: float = 1.0) -> bool:
    """Count one more request for ``key``; False once the window has had more than ``limit``."""
    return counters.hit(f"ratelimit:{key}", window_seconds=window, now=time.time()) <= limit


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
