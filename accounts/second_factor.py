"""The clinic's second-factor policy: who must have one, and sending a person who must but
has none to set one up before any other page.

Clinic admins, supervisors and auditors must always have a second factor; a clinic's
clinicians must when the clinic says "required" (Clinic.clinician_second_factor). Whether a
person still has to set one up is decided when they sign in and kept in their session, so
pages pay no query for it; while it is set, each page checks again, so it clears as soon as
they have set one up. A policy or role change applies from the person's next sign-in; a
reset by the clinic admin ends their sessions.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from accounts.middleware import is_background
from accounts.models import Role, SecondFactorRule

SESSION_KEY = "second_factor_needed"
# The demo's (and the tests') authenticator-app key: public on purpose, so `make run` can
# print codes (manage.py demo_code) and tests can compute them. Never a real account's.
DEMO_TOTP_SECRET = "5YAQUYIWFCIFH5L5RMQ546ES634EM62U"
ALWAYS_REQUIRED = frozenset({Role.CLINIC_ADMIN, Role.SUPERVISOR, Role.AUDITOR})
# Reachable while a second factor is still to be set up: every set-up page of allauth.mfa
# (their names start with "mfa_"), the password asked again before one, and signing out.
OPEN_VIEWS = frozenset({"account_logout", "account_reauthenticate", "keepalive"})
CANNOT_REMOVE = (
    "Your clinic requires a second factor for your account, so you can't remove your last "
    "one. Set up another first, or ask your clinic admin to reset it."
)


def second_factor_required(user) -> bool:
    """Whether ``user`` must have a second factor under their clinic's policy."""
    if user.clinic_id is None:  # the installation's operator (Django admin only)
        return False
    if user.role in ALWAYS_REQUIRED:
        return True
    return user.clinic.clinician_second_factor == SecondFactorRule.REQUIRED


def has_second_factor(user) -> bool:
    # Recovery codes alone are not a second factor: they come with one.
    return (
        Authenticator.objects.filter(user=user)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )


def has_authenticator_app(user) -> bool:
    """Whether ``user`` can type a code from an authenticator app (signing asks for one)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_factor_missing(user) -> bool:
    return second_factor_required(user) and not has_second_factor(user)


@receiver(user_logged_in)
def _decide_at_sign_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        # Signed in through the clinic's provider: its sign-in (and multi-factor policy)
        # stands in for ours (accounts/sso.py).
        by_provider = bool(getattr(request, "sso_provider_id", ""))
        request.session[SESSION_KEY] = not by_provider and second_factor_missing(user)


class SecondFactorRequiredMiddleware:
    """Send a signed-in person whose policy requires a second factor, and who has none, to
    set one up before any other page (after LoginRequiredMiddleware)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        needed = request.session.get(SESSION_KEY)
        if needed is None:  # a session begun before the policy: decided once, then kept
            needed = request.session[SESSION_KEY] = second_factor_missing(user)
        if not needed:
            return None
        if not second_factor_missing(user):  # just set up (only those still asked pay this)
            request.session[SESSION_KEY] = False
            return None
        name = request.resolver_match.url_name if request.resolver_match else ""
        if name and (name.startswith("mfa_") or name in OPEN_VIEWS):
            return None
        return set_up_response(request)


def set_up_response(request: HttpRequest) -> HttpResponse:
    # The set-up page says why the person is there (its template reads the session).
    target = reverse("mfa_activate_totp")
    if is_background(request):
        # A poll nobody started (the badges): answered with nothing, never a navigation away
        # from the page the person is on (such as the password asked before the set-up).
        return HttpResponse(status=204)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)


class MFAAdapter(DefaultMFAAdapter):
    """MFA_ADAPTER: a person whose policy requires a second factor can't remove their last one
    (they can set up a new app first, or ask their clinic admin to reset it)."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": CANNOT_REMOVE,
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        user = authenticator.user
        if not second_factor_required(user):
            return True
        others = (
            Authenticator.objects.filter(user=user)
            .exclude(pk=authenticator.pk)
            .exclude(type=Authenticator.Type.RECOVERY_CODES)
        )
        return others.exists()


def demo_second_factor_ensure(*, user) -> None:
    """Give a demo (or test) account an authenticator app with the public demo key."""
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, DEMO_TOTP_SECRET)


def demo_code(*, user) -> str | None:
    """The code a demo account's authenticator app shows now (manage.py demo_code); None for
    an account without the demo key, so a real person's codes are never printed."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None or decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
        return None
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
