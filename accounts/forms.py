from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.models import Clinic, User
from accounts.selectors import (
    clinic_supervisable,
    clinic_supervisors,
    supervision_link_active_exists,
)
from accounts.throttle import sign_in_wait_seconds
from audit.models import Action
from audit.services import audit_record, clinic_of_username


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "That username and password do not match an account. Check both and try again; "
            "passwords are case-sensitive."
        ),
        "throttled": (
            "There have been several wrong passwords for this account, so each try must wait "
            "a little. Wait %(seconds)s seconds, then sign in again."
        ),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self) -> dict:
        # Before the password is checked: a throttled attempt is neither checked nor counted.
        username = self.cleaned_data.get("username") or ""
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
