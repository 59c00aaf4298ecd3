from __future__ import annotations

from django import forms

from accounts import reauth


class SigningPasswordForm(reauth.PasswordConfirmForm):
    """The signer types their own password again: the one confirm form (accounts.reauth),
    with what signing says."""

    wrong_password_message = "That is not your password. Nothing was signed."
    password_help = "Signing is your electronic signature; we ask for your password again."


class SignForm(SigningPasswordForm):
    confirm = forms.BooleanField(
        label=(
            "I have reviewed this rationale. I sign it as its author; I understand it can't be "
            "changed afterwards and that corrections become addenda."
        )
    )
    field_order = ["confirm", "password"]


class AddendumForm(SigningPasswordForm):
    reason = forms.CharField(
        label="Reason for the addendum",
        max_length=300,
        help_text="e.g. late information, a correction, the outcome of the follow-up.",
    )
    text = forms.CharField(
        label="Addendum", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    field_order = ["reason", "text", "password"]
