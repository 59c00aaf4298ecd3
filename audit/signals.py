from __future__ import annotations

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.throttle import attempted_username
from audit.models import Action
from audit.services import audit_record, clinic_of_username


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    # Signed in through the clinic's single sign-on provider (accounts/sso_adapter.py marks
    # the request): recorded as such, naming the provider.
    provider_id = getattr(request, "sso_provider_id", "")
    audit_record(
        request=request,
        user=user,
        action=Action.SSO_LOGIN if provider_id else Action.LOGIN,
        object_type="user",
        object_id=user.pk,
        detail=f"provider={provider_id}" if provider_id else "",
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(
            request=request, user=user, action=Action.LOGOUT, object_type="user", object_id=user.pk
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # A username or an e-mail address was typed: filed under the account's username.
    username = attempted_username(request, credentials)
    audit_record(
        request=request,
        user=None,
        username=username,
        clinic_id=clinic_of_username(username),
        action=Action.LOGIN_FAILED,
        object_type="user",
    )


# The second factor (allauth.mfa): set up, removed, new recovery codes, used, failed. The
# event names the kind of authenticator ("totp", "recovery_codes"), never a code.
def _second_factor(action: str, *, request, user, authenticator, detail: str = "") -> None:
    audit_record(
        request=request,
        user=user,
        action=action,
        object_type="user",
        object_id=user.pk,
        detail=" ".join(part for part in (f"type={authenticator.type}", detail) if part),
    )


@receiver(mfa_signals.authenticator_added)
def _mfa_added(sender, request, user, authenticator, **kwargs) -> None:
    _second_factor(Action.MFA_ENROL, request=request, user=user, authenticator=authenticator)


@receiver(mfa_signals.authenticator_reset)
def _mfa_reset(sender, request, user, authenticator, **kwargs) -> None:
    _second_factor(
        Action.MFA_ENROL,
        request=request,
        user=user,
        authenticator=authenticator,
        detail="new codes",
    )


@receiver(mfa_signals.authenticator_removed)
def _mfa_removed(sender, request, user, authenticator, **kwargs) -> None:
    _second_factor(Action.MFA_REMOVE, request=request, user=user, authenticator=authenticator)


@receiver(mfa_signals.authenticator_used)
def _mfa_used(sender, request, user, authenticator, reauthenticated=False, **kwargs) -> None:
    _second_factor(
        Action.MFA_USE,
        request=request,
        user=user,
        authenticator=authenticator,
        detail="re-confirmation" if reauthenticated else "sign-in",
    )


@receiver(mfa_signals.authentication_failed)
def _mfa_failed(sender, request, user, authenticator, reauthentication=False, **kwargs) -> None:
    _second_factor(
        Action.MFA_FAILED,
        request=request,
        user=user,
        authenticator=authenticator,
        detail="re-confirmation" if reauthentication else "sign-in",
    )
