"""Sliding session expiry without a database write on every request."""

from __future__ import annotations

import time

from django.http import HttpRequest

from accounts.sessions import session_seen

# Shorter than the idle warning's lead (a minute), so a save sent when the warning shows
# still finds the session alive.
TOUCH_EVERY = 30  # seconds
# Set on requests nobody started (the badge poll, automatic retries): see static/js/app.js.
BACKGROUND_HEADER = "X-EthicsDesk-Background"


def is_background(request: HttpRequest) -> bool:
    return request.headers.get(BACKGROUND_HEADER) == "true"


class SessionKeepAliveMiddleware:
    """Extend an active user's session at most twice a minute, never for background requests.

    The session expires after SESSION_COOKIE_AGE of inactivity (HIPAA automatic logoff).
    Saving it on every request would cost a write per page; touching it every half minute
    keeps the idle timeout accurate to that. A background request (polls, retries) is not
    activity: it leaves the session unchanged, so Django neither saves it nor refreshes its
    cookie (SESSION_SAVE_EVERY_REQUEST is off).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if (
            session is not None
            and user is not None
            and user.is_authenticated
            and not is_background(request)
        ):
            now = int(time.time())
            if now - session.get("_touched", 0) >= TOUCH_EVERY:
                session["_touched"] = now
                session_seen(request)
        return self.get_response(request)
