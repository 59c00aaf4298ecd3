"""Passkeys and security keys (WebAuthn, django-allauth's mfa) with our labels and messages
(MFA_FORMS). The browser does the key ceremony (allauth's static script); these forms carry
its result. allauth announces a key's set-up, use and removal itself; a refused key is
announced here, through the same signal as a wrong app code, so audit/signals.py records it."""

from __future__ import annotations

from allauth.core import context
from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn import forms as webauthn_forms
from django.core.exceptions import ValidationError

# allauth turns most malformed answers into a ValidationError, but fido2 raises KeyError for a
# missing member (a crafted post, never a browser): refused the same way, not a server error.
_MALFORMED = (ValidationError, KeyError, TypeError, ValueError)

KEY_REFUSED = (
    "That key was not accepted: it is not one of the keys on your account, or the browser "
    "did not finish asking it. Try again, or use a code instead."
)
NOT_ADDED = (
    "Your browser's answer for the new key could not be checked, so nothing was added. "
    "Press “Add this key” again."
)
NAME_HELP = "So you can tell your keys apart later, for example “Laptop fingerprint” or “Blue key”."


def _name_field(form) -> None:
    name = form.fields["name"]
    name.label = "Name for this key"
    name.help_text = NAME_HELP
    name.max_length = 100
    name.widget.attrs.update({"maxlength": "100", "autocomplete": "off"})


def _say_above(form, message: str) -> None:
    """The browser's answer travels in a hidden field: its error is said above the form."""
    if form.errors.pop("credential", None):
        form.add_error(None, message)


class AddWebAuthnForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_field(self)

    def clean(self) -> dict:
        try:
            return super().clean()
        except _MALFORMED as error:
            # The key is not stored; the name typed comes back with the form.
            raise ValidationError(NOT_ADDED, code="key_not_added") from error

    def _post_clean(self) -> None:
        super()._post_clean()
        _say_above(self, NOT_ADDED)


class EditWebAuthnForm(webauthn_forms.EditWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_field(self)
        self.fields["name"].error_messages["required"] = "Type a name for this key."


class _KeyCheck:
    """A key offered at sign-in or before a change: a refusal is announced like a wrong code."""

    reauthentication = False

    def clean_credential(self) -> Authenticator:
        try:
            return super().clean_credential()
        except _MALFORMED as error:
            # Which key was offered is not known when it is refused: the event names the kind.
            signals.authentication_failed.send(
                sender=Authenticator,
                request=context.request,
                user=self.user,
                authenticator=Authenticator(user=self.user, type=Authenticator.Type.WEBAUTHN),
                reauthentication=self.reauthentication,
            )
            raise ValidationError(KEY_REFUSED, code="key_refused") from error

    def _post_clean(self) -> None:
        super()._post_clean()
        _say_above(self, KEY_REFUSED)


class AuthenticateWebAuthnForm(_KeyCheck, webauthn_forms.AuthenticateWebAuthnForm):
    """The second step of signing in, with a key instead of a code."""


class ReauthenticateWebAuthnForm(_KeyCheck, webauthn_forms.ReauthenticateWebAuthnForm):
    reauthentication = True
