"""A second factor at sign-in (django-allauth's mfa): an authenticator app (TOTP) or passkeys
and security keys (WebAuthn), with recovery codes, set up and removed from the person's
account; the sign-in asks for a code or a key after the password. Every use, failure, set-up
and removal is audited by audit/signals.py (a refused key: accounts/passkey_forms.py)."""

from __future__ import annotations

from allauth.account import views as account_views
from allauth.mfa.base import views as base_views
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts import reauth, round_trip
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
# Passkeys and security keys: the list, adding (the password asked for again first, as for
# the app), renaming and removing one of the person's own keys.
list_keys = not_clinical(_OWN)(webauthn_views.ListWebAuthnView.as_view())
add_key = not_clinical(_OWN)(webauthn_views.AddWebAuthnView.as_view())
edit_key = not_clinical(_OWN)(webauthn_views.EditWebAuthnView.as_view())
remove_key = not_clinical(_OWN)(webauthn_views.RemoveWebAuthnView.as_view())


class ReauthenticateKeyView(webauthn_views.ReauthenticateWebAuthnView):
    """allauth's confirmation with a key, before a change or on the way to signing (a round
    trip, accounts/round_trip.py). A refused key comes back to this page, the way back kept
    (allauth would send the person to the sign-in page); on the way to signing it counts
    towards the re-confirmation lock, and the page offers no password instead."""

    def _signing(self) -> bool:
        return round_trip.is_pending(self.request) and self.get_next_url() == reverse(
            "confirm_return"
        )

    def form_invalid(self, form) -> HttpResponse:
        if self._signing():
            reauth.round_trip_refused(self.request, method=Authenticator.Type.WEBAUTHN)
        super().form_invalid(form)  # allauth's message says why
        return redirect(self.passthrough_next_url(reverse("mfa_reauthenticate_webauthn")))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["for_signing"] = self._signing()
        if context["for_signing"]:
            context["back_url"] = round_trip.return_to(self.request)
        return context


reauthenticate_key = not_clinical("confirms a key; audit/signals.py and accounts/reauth.py")(
    ReauthenticateKeyView.as_view()
)


class AuthenticateView(base_views.AuthenticateView):
    """allauth's second step, telling the page which ways this person has (an app, keys),
    so it offers only those."""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        types = set(
            Authenticator.objects.filter(user_id=self.stage.login.user.pk).values_list(
                "type", flat=True
            )
        )
        context["has_app"] = Authenticator.Type.TOTP in types
        context["has_keys"] = Authenticator.Type.WEBAUTHN in types
        if not context["has_app"]:
            # Keys and no app: the only code this person can type is a recovery code.
            code = context["form"].fields["code"]
            code.label = "Recovery code"
            code.help_text = "One of the recovery codes you kept when you added your key."
        return context


# The second step of signing in: like the first, a failure stays recorded whatever follows.
authenticate = not_clinical("signing in; audit/signals.py records each code, key and failure")(
    outside_request_transaction(AuthenticateView.as_view())
)
reauthenticate = not_clinical("confirms a code before a change; audit/signals.py records it")(
    base_views.ReauthenticateView.as_view()
)
reauthenticate_password = not_clinical(
    "asks for the password before a change; accounts/reauth.py records each try"
)(account_views.ReauthenticateView.as_view())
