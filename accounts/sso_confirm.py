"""A signer who signs in through their clinic's provider confirms who they are at signing,
co-signing and addenda by a fresh round trip to that provider: it is asked to sign them in
again (``prompt=login``, ``max_age=0``), and the ID token's ``auth_time`` must say it did so
within SSO_CONFIRM_MAX_AGE_SECONDS. The confirmation is then kept in the session for one
signature within REAUTH_MINUTES, and the signature records verified_by="sso".
"""

from __future__ import annotations

import time

from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts import sso
from accounts.models import SingleSignOn
from audit.declare import not_clinical
from audit.models import Action
from audit.services import audit_record

PURPOSE = "confirm-signer"
SESSION_KEY = "sso_confirmed_at"
# Clock differences between us and the provider that still count as "just now".
CLOCK_SKEW_SECONDS = 30


def sign_on_for_signer(user) -> SingleSignOn | None:
    """The clinic's sign-on when ``user`` confirms through it rather than with a password or
    code: they have no usable password, or their clinic makes single sign-on the only way in,
    and their account is linked to the provider."""
    if user.clinic_id is None or (user.has_usable_password() and not sso.password_refused(user)):
        return None
    sign_on = (
        SingleSignOn.objects.select_related("app")
        .filter(clinic_id=user.clinic_id, enabled=True)
        .first()
    )
    if sign_on is None:
        return None
    linked = SocialAccount.objects.filter(user=user, provider=sign_on.app.provider_id).exists()
    return sign_on if linked else None


def is_confirmation(sociallogin: SocialLogin) -> bool:
    return (sociallogin.state.get("data") or {}).get("purpose") == PURPOSE


def confirmed(request: HttpRequest) -> bool:
    at = request.session.get(SESSION_KEY, 0)
    return time.time() - at < settings.REAUTH_MINUTES * 60


def take(request: HttpRequest) -> bool:
    """Use the session's confirmation for one signature; False when there is none (left)."""
    if not confirmed(request):
        return False
    del request.session[SESSION_KEY]
    return True


@not_clinical("asks the signer's provider to sign them in again; its answer is recorded")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """GET: what will happen, and the button (this page's CSP lets its form go to the
    provider); POST: the round trip, back to ``next`` (the signing page)."""
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    sign_on = sign_on_for_signer(request.user)
    if sign_on is None:
        messages.error(request, "Your account does not confirm through a sign-on provider.")
        return redirect(target)
    if request.method == "GET":
        response = render(
            request,
            "socialaccount/sso_confirm.html",
            {"sign_on": sign_on, "next": target, "reauth_minutes": settings.REAUTH_MINUTES},
        )
        if sign_on.authorization_origin:
            response._csp_update = {"form-action": [sign_on.authorization_origin]}
        return response
    provider = sign_on.app.get_provider(request)
    return provider.redirect(
        request,
        AuthProcess.REDIRECT,
        next_url=target,
        data={"purpose": PURPOSE, "user": request.user.pk},
        auth_params={**provider.get_auth_params(), "prompt": "login", "max_age": "0"},
    )


def finish(request: HttpRequest, sociallogin: SocialLogin, sign_on: SingleSignOn) -> HttpResponse:
    """The provider's answer to ``start``: recorded as confirmed only when it is the same
    person (the account linked to this signer) and they signed in at the provider just now."""
    data = sociallogin.state.get("data") or {}
    target = sociallogin.state.get("next") or "/"
    user = request.user
    reason = ""
    if not user.is_authenticated or user.pk != data.get("user"):
        reason = "not the signed-in person"
    elif not SocialAccount.objects.filter(
        user=user, provider=sign_on.app.provider_id, uid=sociallogin.account.uid
    ).exists():
        reason = "another identity at the provider"
    else:
        reason = _stale(sociallogin)
    audit_record(
        request=request,
        user=user if user.is_authenticated else None,
        action=Action.REAUTH_FAILED if reason else Action.REAUTH,
        object_type="user",
        object_id=user.pk or "",
        detail=f"sso provider={sign_on.app.provider_id}" + (f" {reason}" if reason else ""),
    )
    if reason:
        messages.error(
            request,
            f"{sign_on.app.name} did not confirm you just now ({reason}), so nothing is "
            "confirmed. Try again.",
        )
    else:
        request.session[SESSION_KEY] = time.time()
        messages.success(request, f"Confirmed with {sign_on.app.name}. You can sign now.")
    return redirect(target)


def _stale(sociallogin: SocialLogin) -> str:
    """Why the provider's sign-in is not fresh enough, or "" when it is."""
    claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
    auth_time = claims.get("auth_time")
    if not isinstance(auth_time, int | float):
        return "the provider did not say when you signed in"
    age = time.time() - auth_time
    if age > settings.SSO_CONFIRM_MAX_AGE_SECONDS or age < -CLOCK_SKEW_SECONDS:
        return "the provider's sign-in was not fresh"
    return ""
