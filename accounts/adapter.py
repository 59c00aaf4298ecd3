"""How django-allauth, the one identity layer, fits EthicsDesk (ACCOUNT_ADAPTER)."""

from __future__ import annotations

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse

from accounts import sso
from audit.models import Action
from audit.services import audit_record
from ethicsdesk.client_ip import client_ip

WRONG_PASSWORD = (
    "That username or e-mail address and password do not match an account. Check both and "
    "try again; passwords are case-sensitive."
)


def _signed_in_just_now(request: HttpRequest) -> bool:
    """Whether this session's sign-in (its password, not a later re-confirmation) was typed
    less than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds ago."""
    signed_in = [
        record["at"]
        for record in get_authentication_records(request, request.user)
        if record.get("method") == "password" and not record.get("reauthenticated")
    ]
    return (
        bool(signed_in) and time.time() - signed_in[0] < account_settings.REAUTHENTICATION_TIMEOUT
    )


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": WRONG_PASSWORD,
        "email_password_mismatch": WRONG_PASSWORD,
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join a clinic by invitation from its admin, never by signing themselves up.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # One answer to "where did this come from" for the whole app (rate limits, sessions).
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address")
        return ip

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        # Wrong passwords are counted by django-axes and accounts/throttle.py, which lock out
        # the attacker's address rather than the account's owner; allauth's "login_failed"
        # limit (settings.ACCOUNT_RATE_LIMITS) is left to second-factor codes and keys.
        pass

    def authenticate(self, request: HttpRequest, **credentials):
        # A deactivated account is refused like a wrong password (Django's signal has already
        # told django-axes and the audit trail it failed), so a right guess of an old
        # colleague's password is not confirmed by a different page. So is the password of
        # someone whose clinic makes single sign-on the only way in (accounts/sso.py).
        user = super().authenticate(request, **credentials)
        if user is None or not user.is_active or sso.password_refused(user):
            return None
        return user

    def validation_error(self, code, *args):
        # Where any clinic has single sign-on, a refused password says where else to sign in,
        # the same for every account (it never tells whose clinic uses it).
        error = super().validation_error(code, *args)
        if code.endswith("_password_mismatch") and sso.any_sign_on_enabled():
            error = type(error)(f"{error.message} {sso.SIGN_IN_HINT}", code=code)
        return error

    def get_login_stages(self) -> list[str]:
        # Someone signing in through their clinic's provider has passed its sign-in and its
        # multi-factor policy: EthicsDesk's own second step is not asked of them.
        stages = super().get_login_stages()
        if getattr(context.request, sso.REQUEST_MARK, ""):
            stages = [stage for stage in stages if not stage.startswith("allauth.mfa.")]
        return stages

    def send_password_reset_mail(self, user, email: str, context: dict) -> None:
        # The e-mail says how long its link works. It holds no clinical text (nor any other).
        # Nothing is sent to someone whose clinic makes single sign-on the only way in: the
        # page answers the same as for any address.
        if sso.password_refused(user):
            return
        context = {**context, "reset_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
        super().send_password_reset_mail(user, email, context)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # A password typed at sign-in a moment ago is as fresh as allauth's re-authentication:
        # within ACCOUNT_REAUTHENTICATION_TIMEOUT of it, setting up a second factor (people
        # made to enrol go there straight from signing in) does not ask for it again. Later
        # visits ask as before; the invitation's password page records its own.
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or request is None or not request.user.is_authenticated:
            return required
        return not _signed_in_just_now(request)

    def get_password_change_redirect_url(self, request: HttpRequest) -> str:
        return reverse("password_change_done")


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    """USERSESSIONS_ADAPTER: "Sign out everywhere else" on the sessions page is audited."""

    def end_sessions(self, sessions) -> None:
        sessions = list(sessions)
        super().end_sessions(sessions)
        if sessions:
            person = sessions[0].user
            audit_record(
                request=context.request,
                action=Action.SESSION_END,
                object_type="user",
                object_id=person.pk,
                detail=f"reason=signed out elsewhere by the person sessions={len(sessions)}",
            )
