from __future__ import annotations

from django import forms

from accounts import reauth
from records.models import VerifiedBy

# What accounts.reauth says answered → what the signature records.
KINDS = {
    "password": VerifiedBy.PASSWORD,
    "totp": VerifiedBy.TOTP,
    "recovery_codes": VerifiedBy.RECOVERY_CODE,
    "webauthn": VerifiedBy.WEBAUTHN,  # a round trip to a passkey (accounts/round_trip.py)
    "sso": VerifiedBy.SSO,
}


class SigningPasswordForm(reauth.SignerConfirmForm):
    """The signer proves it is them again, as they sign: a fresh code from their second
    factor, or their password when they have none (accounts.reauth), with what signing says.
    ``signer_verified_by`` is what the signature records."""

    wrong_password_message = "That is not your password. Nothing was signed."
    password_help = "Signing is your electronic signature; we ask for your password again."
    wrong_code_message = "That code is not right. Nothing was signed."
    code_help = (
        "Signing is your electronic signature: type the code your authenticator app shows now "
        "(or one of your recovery codes)."
    )

    @property
    def signer_verified_by(self) -> str:
        return KINDS[self.verified_by]


class SignForm(SigningPasswordForm):
    confirm = forms.BooleanField(
        label=(
            "I have reviewed this rationale. I sign it as its author; I understand it can't be "
            "changed afterwards and that corrections become addenda."
        )
    )
    field_order = ["confirm", "password", "code"]


class AddendumForm(SigningPasswordForm):
    reason = forms.CharField(
        label="Reason for the addendum",
        max_length=300,
        help_text="e.g. late information, a correction, the outcome of the follow-up.",
    )
    text = forms.CharField(
        label="Addendum", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    field_order = ["reason", "text", "password", "code"]
