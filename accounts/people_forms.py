"""Forms of the clinic admin's People screens and of the invitation's acceptance page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_texts

from accounts.forms import PersonChoiceField
from accounts.invitations import invitation_check
from accounts.models import Clinic, Profession, Role, SecondFactorRule, User
from accounts.selectors import ACTIVE, INACTIVE, clinic_supervisors


class PeopleFilterForm(forms.Form):
    role = forms.ChoiceField(choices=[("", "All roles"), *Role.choices], required=False)
    status = forms.ChoiceField(
        label="Account",
        choices=[("", "Active and deactivated"), (ACTIVE, "Active"), (INACTIVE, "Deactivated")],
        required=False,
    )
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Search",
        help_text="Name or e-mail.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    @classmethod
    def from_query(cls, data) -> PeopleFilterForm:
        """A valid form from any query string: unknown or malformed values are dropped."""
        form = cls(data)
        form.is_valid()
        form = cls({name: value for name, value in form.cleaned_data.items() if value})
        form.is_valid()
        return form


class InvitationForm(forms.Form):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    email = forms.EmailField(
        label="E-mail",
        max_length=150,  # it becomes the user name
        help_text="Their work address. The link sent there works once, for 72 hours.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.CLINICIAN,
        error_messages={
            "invalid_choice": "“%(value)s” is not a role; use clinician, supervisor, "
            "clinic admin or auditor."
        },
    )
    professional_title = forms.CharField(
        max_length=120,
        required=False,
        label="Professional title",
        help_text="Shown with the name on signatures, e.g. 'LPC' or 'Clinical psychologist'.",
    )
    profession = forms.ChoiceField(
        choices=[("", "Choose a profession"), *Profession.choices],
        required=False,
        help_text="The duty-to-warn and reporting rules differ by profession.",
        error_messages={
            "invalid_choice": "“%(value)s” is not on the list; use counsellor, psychologist, "
            "social worker, marriage and family therapist, psychiatrist or other."
        },
    )
    supervisor = PersonChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label="No supervisor for now",
        help_text="For clinicians and supervisors; change it later under Supervision.",
        error_messages={"invalid_choice": "Choose a supervisor from your clinic's list."},
    )

    def __init__(self, *args, clinic: Clinic, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        self.fields["supervisor"].queryset = clinic_supervisors(clinic=clinic)

    def clean(self) -> dict:
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        if email and role:
            for field, problem in invitation_check(
                clinic=self.clinic, email=email, role=role, supervisor=cleaned.get("supervisor")
            ):
                self.add_error(field, problem)
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label="New role")


class ConfirmForm(forms.Form):
    """The second, confirming press of a button: without it the view asks first."""

    confirm = forms.BooleanField(widget=forms.HiddenInput)


class AcceptForm(SetPasswordForm):
    """Choose a password for the account the invitation creates (Django's validators)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        # Plain text: the one field template escapes help text (Django's is an HTML list).
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        self.fields["new_password2"].label = "Type it again"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "One person a row, with a first row naming the columns: name, email, role, title, "
            "profession, supervisor_email. At most 500 people and 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ClinicSettingsForm(forms.Form):
    clinician_second_factor = forms.ChoiceField(
        label="Second factor for clinicians",
        choices=SecondFactorRule.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Required: every clinician sets up an authenticator app at their next sign-in. "
            "Optional: each clinician chooses. Clinic admins, supervisors and auditors always "
            "need one."
        ),
    )


class SecondFactorResetForm(forms.Form):
    """Why the clinic admin resets someone's second factor: a category, never free text (it
    goes into the audit trail)."""

    REASONS = [
        ("lost_device", "Lost, stolen or replaced phone or key"),
        ("no_codes_left", "Locked out, no recovery codes left"),
        ("compromised", "The app or key may be in someone else's hands"),
        ("other", "Another administrative reason"),
    ]
    reason = forms.ChoiceField(label="Reason", choices=[("", "Choose a reason"), *REASONS])

    def reason_label(self) -> str:
        return dict(self.REASONS)[self.cleaned_data["reason"]]


class ClinicJurisdictionForm(forms.Form):
    """Whose law applies by default: one of the known jurisdictions (checked here, not by a
    model validator: the list is data, loaded with the rules)."""

    jurisdiction = forms.ChoiceField(
        label="Jurisdiction",
        required=False,
        help_text=(
            "New deliberations start with this jurisdiction's rules (duty to warn, child and "
            "elder abuse reporting); a clinician may change it for a case, e.g. telehealth with "
            "a client elsewhere."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        from jurisdictions.selectors import jurisdiction_choices

        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [("", "Not set"), *jurisdiction_choices()]
