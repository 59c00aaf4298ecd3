"""Ending a person's sessions: the one place that signs someone out everywhere.

Deactivation, a password reset and "sign out everywhere" call ``end_sessions``. Sessions live
in PostgreSQL (django.contrib.sessions' db backend); the session rows are deleted, so each
browser holding one is signed out at its next request, whichever app server answers it.
"""

from __future__ import annotations

from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from ethicsdesk.client_ip import client_ip


def _session_keys_of(user: User) -> list[str]:
    """The keys of ``user``'s live sessions.

    Every live session is read: sessions end after SESSION_IDLE_MINUTES without activity, so
    the live ones are the clinic's people at work now, and this finds sessions nothing else
    tracks (signed in before session tracking existed, or by other means than the sign-in
    page)."""
    owner = str(user.pk)
    return [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == owner
    ]


def end_sessions(*, user: User, reason: str, request: HttpRequest | None = None) -> int:
    """End every session of ``user`` now and audit it (SESSION_END); returns how many ended.

    ``request`` is the request of whoever ends them (a clinic admin deactivating someone),
    recorded as the event's actor; without one (or when signed out, as in a password reset)
    the event names no actor and is filed under the person's name and clinic. ``reason`` is a
    short, fixed phrase such as "deactivated" or "password reset": never clinical text."""
    with transaction.atomic():
        keys = _session_keys_of(user)
        Session.objects.filter(session_key__in=keys).delete()
        UserSession.objects.filter(user_id=user.pk).delete()  # the sessions page's list
        actor = getattr(request, "user", None)
        by_someone = actor is not None and actor.is_authenticated
        audit_record(
            request=request,
            user=actor if by_someone else None,
            username=user.get_username(),
            clinic_id=user.clinic_id,
            action=Action.SESSION_END,
            object_type="user",
            object_id=user.pk,
            detail=(
                f"reason={reason} sessions={len(keys)} "
                f"about={user.get_username()} (about_id={user.pk})"
            ),
        )
    return len(keys)


def session_seen(request: HttpRequest) -> None:
    """Note on the sessions page when and from where this session was last active. Called
    when the session is extended (accounts/middleware.py, at most twice a minute), so it
    costs no query on most pages."""
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).update(
            last_seen_at=timezone.now(), ip=client_ip(request) or "0.0.0.0"
        )
