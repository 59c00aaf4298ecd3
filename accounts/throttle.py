"""A slow per-account throttle on sign-in, across all addresses.

django-axes locks the account *and address* pair after LOGIN_FAILURE_LIMIT failures, which
stops one attacker without locking the owner out. Guessing one account from many addresses
is slowed here instead: once an account has LOGIN_THROTTLE_AFTER recent failures from
anywhere, each attempt for it must wait LOGIN_THROTTLE_SECONDS after the last failure. An
attempt made too early is answered "wait" without checking the password (so it neither
counts nor resets the wait); the right password after the wait signs in, from any address.

People sign in with their username or their e-mail address; both name the same account, so
the lockout, the throttle and the audit trail all count an attempt against the account's
username (``account_username``), whichever was typed.
"""

from __future__ import annotations

import math
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone


def sign_in_wait_seconds(*, request: HttpRequest, username: str) -> int:
    """Seconds until a sign-in attempt for ``username`` may be checked; 0 when it may now.

    0 also when this address is locked out for the account: django-axes' lockout page then
    says so, which is clearer than a wait."""
    if not username:
        return 0
    now = timezone.now()
    recent = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (recent["failures"] or 0) < settings.LOGIN_THROTTLE_AFTER:
        return 0
    remaining = settings.LOGIN_THROTTLE_SECONDS - (now - recent["last"]).total_seconds()
    if remaining <= 0 or AxesProxyHandler.is_locked(request, {"username": username}):
        return 0
    return math.ceil(remaining)


def account_username(typed: str) -> str:
    """The username of the account a sign-in names: ``typed`` itself, or, for an e-mail
    address of exactly one account, that account's username (an unknown address stays as
    typed, so its attempts are counted too)."""
    typed = (typed or "").strip()
    if "@" not in typed:
        return typed
    found = list(
        get_user_model().objects.filter(email__iexact=typed).values_list("username", flat=True)[:2]
    )
    return found[0] if len(found) == 1 else typed.lower()


def attempted_username(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """django-axes' AXES_USERNAME_CALLABLE: the account an attempt names, from the
    credentials allauth authenticates with ("username" and/or "email"), else the form."""
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username")
    if typed is None and request is not None:
        typed = request.POST.get("login") or request.POST.get("username")
    return account_username(str(typed or ""))
