from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.core import context as allauth_context
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Clinic, User
from accounts.reauth import password_recheck
from accounts.selectors import (
    clinic_supervisable,
    clinic_supervisors,
    supervision_link_active_exists,
)
from accounts.throttle import account_username, sign_in_wait_seconds
from audit.models import Action
from audit.services import audit_record, clinic_of_username


class LoginForm(allauth_forms.LoginForm):
    """allauth's sign-in (a username or an e-mail address, then the password), slowed by
    accounts/throttle.py before the password is checked. A wrong password's message is the
    adapter's (accounts/adapter.py)."""

    error_messages = {
        "throttled": (
            "There have been several wrong passwords for this account, so each try must wait "
            "a little. Wait %(seconds)s seconds, then sign in again."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = "Username or e-mail address"
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        password = self.fields["password"]
        password.help_text = ""  # allauth's "Forgot your password?" link: the page has one
        password.widget.attrs.pop("placeholder", None)

    def clean(self) -> dict:
        # Before the password is checked: a throttled attempt is neither checked nor counted.
        username = account_username(self.cleaned_data.get("login") or "")
        wait = sign_in_wait_seconds(request=self.request, username=username)
        if wait:
            audit_record(
                request=self.request,
                action=Action.LOGIN_FAILED,
                username=username,
                clinic_id=clinic_of_username(username),
                object_type="user",
                detail="throttled: asked to wait",
                status_code=200,
            )
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"seconds": wait},
            )
        return super().clean()


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    """allauth's password change, its current password checked (and limited, and audited)
    by accounts/reauth.py like every other re-confirmation."""

    def __init__(self, *args, request=None, **kwargs) -> None:
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = "Current password"
        self.fields["password1"].label = "New password"
        self.fields["password1"].help_text = NEW_PASSWORD_HELP  # allauth's is HTML
        self.fields["password2"].label = "The new password again"
        for name in ("oldpassword", "password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["oldpassword"].help_text = ""

    def clean_oldpassword(self) -> str:
        old_password = self.cleaned_data.get("oldpassword", "")
        password_recheck(
            request=self.request,
            user=self.user,
            password=old_password,
            wrong="That is not your current password.",
        )
        return old_password


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Asking for a reset link. The page answers the same whether or not an account has the
    address (ACCOUNT_PREVENT_ENUMERATION); the audit trail records which it was."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Your e-mail address"
        email.help_text = "The address your clinic has for you."
        email.widget.attrs.pop("placeholder", None)
        email.widget.attrs.update({"autocomplete": "email"})

    def save(self, request, **kwargs) -> str:
        email = super().save(request, **kwargs)
        for person in self.users:
            audit_record(
                request=request,
                username=person.get_username(),
                clinic_id=person.clinic_id,
                action=Action.PASSWORD_RESET_REQUEST,
                object_type="user",
                object_id=person.pk,
                detail="reset link sent",
            )
        if not self.users:
            # The typed address is not recorded: it may be anyone's.
            audit_record(
                request=request,
                action=Action.PASSWORD_RESET_REQUEST,
                object_type="user",
                detail="no active account has that address; nothing sent",
            )
        return email


NEW_PASSWORD_HELP = (
    "At least 10 characters, not a common password, not only digits and not like your name."
)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """The new password, from the link in the reset e-mail."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = "New password"
        self.fields["password1"].help_text = NEW_PASSWORD_HELP  # allauth's is HTML
        self.fields["password2"].label = "The new password again"
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    """allauth asks for the password again before a second factor is set up or removed; it is
    checked (and limited, and audited) by accounts/reauth.py like every re-confirmation."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Your password"
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_recheck(
            request=allauth_context.request,
            user=self.user,
            password=password,
            wrong="That is not your password.",
        )
        return password


def _code_field(field: forms.Field, *, label: str, help_text: str) -> None:
    field.label = label
    field.help_text = help_text
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update({"autocomplete": "one-time-code", "autocapitalize": "none"})


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _code_field(
            self.fields["code"],
            label="Code from the app",
            help_text="Six digits; a new one every 30 seconds.",
        )


class AuthenticateForm(mfa_forms.AuthenticateForm):
    """The second step of signing in."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _code_field(
            self.fields["code"],
            label="Code",
            help_text="Six digits from your authenticator app, or one of your recovery codes.",
        )


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of colleague, shown as "Name — professional title"."""

    def label_from_instance(self, obj: User) -> str:
        if obj.professional_title:
            return f"{obj.display_name} — {obj.professional_title}"
        return obj.display_name


class SupervisionLinkForm(forms.Form):
    supervisor = PersonChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose a supervisor",
        error_messages={
            "required": "Choose the supervisor.",
            "invalid_choice": "Choose a supervisor from your clinic's list.",
        },
    )
    clinician = PersonChoiceField(
        label="Supervises",
        queryset=User.objects.none(),
        empty_label="Choose a clinician",
        help_text="Supervisors are listed too: a supervisor can also be supervised.",
        error_messages={
            "required": "Choose the clinician to be supervised.",
            "invalid_choice": "Choose a clinician from your clinic's list.",
        },
    )

    def __init__(self, *args, clinic: Clinic, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The querysets are the only choices, so another clinic's people can't be named.
        self.fields["supervisor"].queryset = clinic_supervisors(clinic=clinic)
        self.fields["clinician"].queryset = clinic_supervisable(clinic=clinic)

    def clean(self) -> dict:
        cleaned = super().clean()
        supervisor = cleaned.get("supervisor")
        clinician = cleaned.get("clinician")
        if supervisor is None or clinician is None:
            return cleaned
        if supervisor == clinician:
            self.add_error(
                "clinician",
                f"{supervisor.display_name} can't supervise themselves. "
                "Choose someone else to be supervised.",
            )
        elif supervision_link_active_exists(supervisor=supervisor, clinician=clinician):
            raise forms.ValidationError(
                f"{supervisor.display_name} already supervises {clinician.display_name}.",
                code="already_linked",
            )
        return cleaned


class SupervisionEndForm(forms.Form):
    """The second, confirming press of "End": without it the view asks first."""

    confirm = forms.BooleanField(widget=forms.HiddenInput)
