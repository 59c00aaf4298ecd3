"""A second factor at sign-in (django-allauth's mfa): an authenticator app (TOTP) with
recovery codes, set up and removed from the person's account; the sign-in asks for a code
after the password. Every use, failure, set-up and removal is audited by audit/signals.py."""

from __future__ import annotations

from allauth.account import views as account_views
from allauth.mfa.base import views as base_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from django.views.decorators.cache import never_cache

from audit.declare import not_clinical
from audit.services import outside_request_transaction

_OWN = "the person's own second factor; audit/signals.py records set-ups and removals"

index = not_clinical(_OWN)(base_views.IndexView.as_view())
activate_totp = not_clinical(_OWN)(totp_views.ActivateTOTPView.as_view())
deactivate_totp = not_clinical(_OWN)(totp_views.DeactivateTOTPView.as_view())
recovery_codes = not_clinical(_OWN)(recovery_views.ViewRecoveryCodesView.as_view())
generate_recovery_codes = not_clinical(_OWN)(recovery_views.GenerateRecoveryCodesView.as_view())
download_recovery_codes = not_clinical(_OWN)(
    never_cache(recovery_views.DownloadRecoveryCodesView.as_view())
)
# The second step of signing in: like the first, a failure stays recorded whatever follows.
authenticate = not_clinical("signing in; audit/signals.py records each code and failure")(
    outside_request_transaction(base_views.AuthenticateView.as_view())
)
reauthenticate = not_clinical("confirms a code before a change; audit/signals.py records it")(
    base_views.ReauthenticateView.as_view()
)
reauthenticate_password = not_clinical(
    "asks for the password before a change; accounts/reauth.py records each try"
)(account_views.ReauthenticateView.as_view())
