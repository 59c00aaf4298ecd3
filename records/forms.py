from __future__ import annotations

from django import forms

from accounts import reauth


class PasswordConfirmForm(reauth.PasswordConfirmForm):
    """Re-authentication: the signer types their own password again (accounts/reauth.py)."""

    wrong_password_message = "That is not your password. Nothing was signed."

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "password"
        ].help_text = "Signing is your electronic signature; we ask for your password again."


class SignForm(PasswordConfirmForm):
    confirm = forms.BooleanField(
        label=(
            "I have reviewed this rationale. I sign it as its author; I understand it can't be "
            "changed afterwards and that corrections become addenda."
        )
    )
    field_order = ["confirm", "password"]


class AddendumForm(PasswordConfirmForm):
    reason = forms.CharField(
        label="Reason for the addendum",
        max_length=300,
        help_text="e.g. late information, a correction, the outcome of the follow-up.",
    )
    text = forms.CharField(
        label="Addendum", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    field_order = ["reason", "text", "password"]
