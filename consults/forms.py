from __future__ import annotations

import datetime

from django import forms

from consults.models import ConclusionKind, ConsultGroup


def _person_label(u) -> str:
    return f"{u.display_name}{', ' + u.professional_title if u.professional_title else ''}"


class AskForm(forms.Form):
    colleagues = forms.ModelMultipleChoiceField(
        label="Colleagues",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Clinicians of your clinic. Choose one or more, or a group below.",
    )
    group = forms.ModelChoiceField(
        label="Or a group",
        queryset=None,
        required=False,
        empty_label="No group",
        help_text="Each member is asked (not you, if you are one).",
    )
    question = forms.CharField(
        label="Your question",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave identifying details out: use roles or pseudonyms, not names.",
    )
    steps = forms.MultipleChoiceField(
        label="Steps they may read",
        widget=forms.CheckboxSelectMultiple,
        help_text="Read-only, while the request is open. Your private reflection is never shared.",
    )
    answer_by = forms.DateField(
        label="Please answer by",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, colleagues, groups, steps, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleagues"].queryset = colleagues
        self.fields["colleagues"].label_from_instance = _person_label
        self.fields["group"].queryset = groups
        self.fields["steps"].choices = [(s.key, s.title) for s in steps]

    def clean(self):
        data = super().clean()
        if not data.get("colleagues") and not data.get("group"):
            self.add_error("colleagues", "Choose at least one colleague, or a group.")
        return data

    @staticmethod
    def initial_for(step_key: str | None, askable: list[str], *, today: datetime.date) -> dict:
        """``today`` is the clinic's date (``consults.services.clinic_today``), not the
        server's: a week from the day the clinician is living in."""
        return {
            "steps": [step_key] if step_key in askable else [],
            "answer_by": today + datetime.timedelta(days=7),
        }


class AnswerForm(forms.Form):
    advice = forms.CharField(
        label="Your advice",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="In your words; it goes into the colleague's record as you write it.",
    )
    preferred_option = forms.ChoiceField(
        label="Which option would you choose? (optional)", required=False
    )
    why = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, options: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if options:
            self.fields["preferred_option"].choices = [("", "No view")] + [
                (label, label) for label in options
            ]
        else:
            del self.fields["preferred_option"]
            del self.fields["why"]


class NoteForm(forms.Form):
    text = forms.CharField(
        label="A later note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConclusionForm(forms.Form):
    kind = forms.ChoiceField(
        label="The group's conclusion", choices=ConclusionKind.choices, widget=forms.RadioSelect
    )
    why = forms.CharField(
        label="What the group concluded, and why",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GroupForm(forms.ModelForm):
    class Meta:
        model = ConsultGroup
        fields = ["name", "kind", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = _person_label
        self.fields["members"].help_text = "Clinicians and supervisors of your clinic."

    def validate_unique(self) -> None:
        pass  # consults.services.group_save refuses a name the clinic has already, with why
