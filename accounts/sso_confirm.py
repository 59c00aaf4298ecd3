"""Confirmation with the clinic's single sign-on provider: a round trip (accounts/round_trip.py,
the one mechanism for confirming a signer elsewhere) for people who sign in only through their
clinic's provider. The provider is asked to sign them in again (``prompt=login``,
``max_age=0``); its answer counts only when it is the identity linked to this signer and the
ID token's ``auth_time`` is at most SSO_CONFIRM_MAX_AGE_SECONDS old. The way back
(round_trip's ``confirm_return``) then holds a one-time confirmation for the one action the
trip began on, with what was typed kept, and the signature records verified_by="sso".
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from accounts import round_trip, sso
from accounts.models import SingleSignOn
from accounts.views.sso import allow_forms_to
from audit.declare import not_clinical
from audit.models import Action
from audit.services import audit_record

PURPOSE = "confirm-signer"
SESSION_KEY = "sso_confirmed"  # the provider's answer, until the way back takes it
# Clock differences between us and the provider that still count as "just now".
CLOCK_SKEW_SECONDS = 30
_CACHE = "_signer_sign_on"  # on the user object: asked for the offer and for its label


def sign_on_for_signer(user) -> SingleSignOn | None:
    """The clinic's sign-on when ``user`` confirms through it rather than with a password:
    they have no usable password, or their clinic makes single sign-on the only way in, and
    their account is linked to the provider."""
    if hasattr(user, _CACHE):
        return getattr(user, _CACHE)
    sign_on = None
    if user.clinic_id is not None and not (
        user.has_usable_password() and not sso.password_refused(user)
    ):
        sign_on = (
            SingleSignOn.objects.select_related("app")
            .filter(clinic_id=user.clinic_id, enabled=True)
            .first()
        )
        linked = (
            sign_on is not None
            and SocialAccount.objects.filter(user=user, provider=sign_on.app.provider_id).exists()
        )
        sign_on = sign_on if linked else None
    setattr(user, _CACHE, sign_on)
    return sign_on


def is_confirmation(sociallogin: SocialLogin) -> bool:
    return (sociallogin.state.get("data") or {}).get("purpose") == PURPOSE


@not_clinical("asks the signer's provider to sign them in again; its answer is recorded")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The round trip's first page. GET: what will happen, and the button (this page's CSP
    lets its form go to the provider); POST: off to the provider, back to ``confirm_return``."""
    sign_on = sign_on_for_signer(request.user)
    if sign_on is None or not round_trip.is_pending(request):
        messages.error(request, "There is nothing to confirm with a sign-on provider now.")
        return redirect(round_trip.return_to(request))
    back = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("confirm_return")
    if request.method == "GET":
        response = render(
            request,
            "socialaccount/sso_confirm.html",
            {
                "sign_on": sign_on,
                "next": back,
                "back_url": round_trip.return_to(request),
                "minutes": round_trip.SECONDS // 60,
            },
        )
        return allow_forms_to(response, sign_on.authorization_origin)
    provider = sign_on.app.get_provider(request)
    return provider.redirect(
        request,
        AuthProcess.REDIRECT,
        next_url=back,
        data={"purpose": PURPOSE, "user": request.user.pk},
        auth_params={**provider.get_auth_params(), "prompt": "login", "max_age": "0"},
    )


def finish(request: HttpRequest, sociallogin: SocialLogin, sign_on: SingleSignOn) -> HttpResponse:
    """The provider's answer to ``start`` (from accounts/sso_adapter.py). Kept for the way back
    only when it is the same person (the identity linked to this signer) and they signed in
    at the provider just now; a refusal is audited here (it counts towards the
    re-confirmation lock) and goes straight back to the signing page."""
    data = sociallogin.state.get("data") or {}
    user = request.user
    if not user.is_authenticated or user.pk != data.get("user"):
        reason = "not the signed-in person"
    elif not SocialAccount.objects.filter(
        user=user, provider=sign_on.app.provider_id, uid=sociallogin.account.uid
    ).exists():
        reason = "another identity at the provider"
    else:
        reason = _stale(sociallogin)
    if not reason:
        request.session[SESSION_KEY] = {"user": user.pk, "at": time.time()}
        return redirect("confirm_return")  # round_trip: holds it for the action, audited
    audit_record(
        request=request,
        user=user if user.is_authenticated else None,
        action=Action.REAUTH_FAILED,
        object_type="user",
        object_id=user.pk or "",
        detail=f"sso provider={sign_on.app.provider_id} {reason}",
    )
    messages.error(
        request,
        f"{sign_on.app.name} did not confirm you just now ({reason}), so nothing is "
        "confirmed. Try again.",
    )
    return redirect(round_trip.abandon(request))


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


def _answered(request: HttpRequest, since: float) -> bool:
    # Taken once: the provider's answer confirms one trip.
    held = request.session.pop(SESSION_KEY, None) or {}
    return held.get("user") == request.user.pk and held.get("at", 0) >= since


def _start_url(request: HttpRequest, return_url: str) -> str:
    # Our page first: only its CSP lets a form go to the provider.
    return f"{reverse('sso_confirm')}?{urlencode({'next': return_url})}"


def _label(user) -> str:
    # The provider's own name; the generic words if it was switched off meanwhile.
    sign_on = sign_on_for_signer(user)
    return sign_on.app.name if sign_on is not None else "your clinic's sign-on provider"


round_trip.register(
    round_trip.RoundTrip(
        name="sso",
        label="your clinic's sign-on provider",
        label_for=_label,
        noun="sign-in",
        offered=lambda user, kinds: sign_on_for_signer(user) is not None,
        start_url=_start_url,
        answered=_answered,
    )
)
