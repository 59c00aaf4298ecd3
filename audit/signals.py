from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.throttle import attempted_username
from audit.models import Action
from audit.services import audit_record, clinic_of_username


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit_record(
        request=request, user=user, action=Action.LOGIN, object_type="user", object_id=user.pk
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
