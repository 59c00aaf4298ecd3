from __future__ import annotations

from django import forms

from accounts.models import User


class PasswordConfirmForm(forms.Form):
    """Re-authentication: the signer types their own password again."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Signing is your electronic signature; we ask for your password again.",
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was signed.")
        return password


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
