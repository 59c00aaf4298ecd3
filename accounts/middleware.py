"""Sliding session expiry without a database write on every request."""

from __future__ import annotations

import time

from django.http import HttpRequest

TOUCH_EVERY = 60  # seconds


class SessionKeepAliveMiddleware:
    """Extend an active user's session at most once a minute.

    The session expires after SESSION_COOKIE_AGE of inactivity (HIPAA automatic logoff).
    Saving it on every request would cost a write per page; touching it once a minute keeps
    the idle timeout accurate to that minute.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get("_touched", 0) >= TOUCH_EVERY:
                session["_touched"] = now
        return self.get_response(request)
