"""SOCIALACCOUNT_ADAPTER: who a clinic's single sign-on lets in.

The provider has authenticated someone; before allauth signs them in, we decide who they
are here. Only the clinic's own invited or existing people get in, matched by the e-mail the
provider says it has verified (``email_verified`` true); nobody is signed up by it. Everyone
else is refused with a plain page, and the refusal is audited with its reason (never a token).
"""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest
from django.shortcuts import render

from accounts import sso, sso_confirm
from accounts.invitations import InvitationRefused, invitation_accept_by_sign_on
from accounts.models import Invitation, SingleSignOn, User
from accounts.selectors import account_for_email
from audit.models import Action
from audit.services import audit_record

# The reasons a refusal names in the audit trail (and, in plain words, on the page).
REASONS = {
    "unverified": "your provider has not verified your e-mail address",
    "no_email": "your provider did not give an e-mail address",
    "unknown": "there is no account or invitation for your e-mail address at this clinic",
    "other_clinic": "your account belongs to another clinic",
    "deactivated": "your account has been switched off",
    "not_enabled": "single sign-on is switched off for this clinic",
}


# What the page says: never that an address has an account at another clinic.
SHOWN = {**REASONS, "other_clinic": REASONS["unknown"]}


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        # People join a clinic by invitation from its admin, never by signing themselves up.
        return False

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def list_apps(self, request: HttpRequest, provider=None, client_id=None):
        # A clinic's provider switched off by its admin can't start or finish a sign-in.
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        enabled = set(
            SingleSignOn.objects.filter(
                enabled=True, app__in=[app.pk for app in apps if app.pk]
            ).values_list("app_id", flat=True)
        )
        return [app for app in apps if app.pk in enabled]

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        app = sociallogin.provider.app
        sign_on = SingleSignOn.objects.select_related("clinic").filter(app=app).first()
        email = _verified_email(sociallogin)
        if sign_on is None or not sign_on.enabled:
            _refuse(request, sign_on, email, "not_enabled")
        if sso_confirm.is_confirmation(sociallogin):
            # A signer confirming who they are (accounts/sso_confirm.py), not a sign-in.
            raise ImmediateHttpResponse(sso_confirm.finish(request, sociallogin, sign_on))
        if email is None:
            _refuse(request, sign_on, _any_email(sociallogin), _why_no_email(sociallogin))
        user = sociallogin.user if sociallogin.is_existing else self._match(request, sign_on, email)
        if user.clinic_id != sign_on.clinic_id:
            _refuse(request, sign_on, email, "other_clinic")
        if not user.is_active:
            _refuse(request, sign_on, email, "deactivated")
        if not sociallogin.is_existing:
            # First sign-in through the provider: the person's account is linked to it.
            sociallogin.connect(request, user)
        setattr(request, sso.REQUEST_MARK, app.provider_id)

    def _match(self, request: HttpRequest, sign_on: SingleSignOn, email: str) -> User:
        """The clinic's account with this verified e-mail, or the account an open invitation
        to the clinic creates (accepted by this sign-in)."""
        user = account_for_email(email=email)
        if user is not None:
            return user
        invitation = (
            Invitation.objects.filter(
                clinic=sign_on.clinic,
                email__iexact=email,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            )
            .order_by("-sent_at")
            .first()
        )
        if invitation is None:
            _refuse(request, sign_on, email, "unknown")
        try:
            user = invitation_accept_by_sign_on(invitation=invitation)
        except InvitationRefused:
            _refuse(request, sign_on, email, "unknown")
        audit_record(
            request=request,
            user=user,
            action=Action.INVITE_ACCEPT,
            object_type="invitation",
            object_id=invitation.pk,
            detail="by single sign-on",
        )
        return user

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        # A failed round trip (a cancelled sign-in, a provider error, a stale state) is
        # recorded with its kind only: an exception's text may carry a token or a code.
        sign_on = SingleSignOn.objects.select_related("clinic").filter(app=provider.app).first()
        audit_record(
            request=request,
            user=None,
            clinic_id=sign_on.clinic_id if sign_on else None,
            action=Action.SSO_REFUSED,
            object_type="clinic",
            object_id=sign_on.clinic_id if sign_on else "",
            detail=(
                f"reason=provider error={error or 'unknown'} "
                f"exception={type(exception).__name__ if exception else '-'} "
                f"provider={provider.app.provider_id}"
            ),
        )


def _addresses(sociallogin: SocialLogin):
    return [address for address in sociallogin.email_addresses if address.email]


def _verified_email(sociallogin: SocialLogin) -> str | None:
    for address in _addresses(sociallogin):
        if address.verified:
            return address.email.strip().lower()
    return None


def _any_email(sociallogin: SocialLogin) -> str:
    addresses = _addresses(sociallogin)
    return addresses[0].email.strip().lower() if addresses else ""


def _why_no_email(sociallogin: SocialLogin) -> str:
    return "unverified" if _addresses(sociallogin) else "no_email"


def _refuse(request: HttpRequest, sign_on: SingleSignOn | None, email: str, reason: str):
    clinic = sign_on.clinic if sign_on else None
    audit_record(
        request=request,
        user=None,
        username=email[:150],
        clinic_id=clinic.pk if clinic else None,
        action=Action.SSO_REFUSED,
        object_type="clinic",
        object_id=clinic.pk if clinic else "",
        detail=f"reason={reason} provider={sign_on.app.provider_id if sign_on else '-'}",
    )
    raise ImmediateHttpResponse(
        render(
            request,
            "socialaccount/refused.html",
            {"reason": SHOWN[reason], "clinic": clinic, "email": email},
            status=403,
        )
    )
