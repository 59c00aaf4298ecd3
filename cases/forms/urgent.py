"""The imminent-risk fast path: safety duties first, the full worksheet afterwards."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from cases.models import URGENT_ANSWERS, Deliberation
from frameworks.typed import Provision


def _moment_field(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class UrgentForm(forms.Form):
    # First: the rules' time limits (deadlines) run from it.
    learned_at = _moment_field("When you learned of the danger", required=False)
    duties = forms.MultipleChoiceField(
        label="Safety duties acted on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each duty you have acted on or ruled out.",
    )
    action = forms.CharField(
        label="What you did",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text="e.g. safety plan with the client, called 911, warned the person at risk.",
    )
    contacts = forms.CharField(
        label="Who you called or told",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        help_text="Roles, not names: emergency services, crisis line, the person at risk.",
    )
    supervisor_notified = forms.TypedChoiceField(
        label="Supervisor notified?",
        choices=[("yes", "Yes"), ("no", "Not yet")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    action_at = _moment_field("When you acted")

    def __init__(self, *args, duties: list[Provision], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The field starts at the time the page opened: say so, and in which zone it is read.
        zone = timezone.localtime().strftime("%Z")
        self.fields["action_at"].help_text = (
            f"Filled in with the time this page opened. Change it to when you actually acted "
            f"(your clinic's time, {zone})."
        )
        self.fields["learned_at"].help_text = (
            f"The deadlines of the law shown above count from this time (your clinic's time, "
            f"{zone}). Filled in with the time this page opened; change it if you learned "
            f"earlier."
        )
        self.fields["duties"].choices = [(p.key, f"{p.topic} ({p.citation})") for p in duties]

    @staticmethod
    def initial_for(d: Deliberation) -> dict:
        """What the deliberation holds, as the form shows it: the time it opened when nothing
        is recorded yet, in the clinic's zone."""
        initial = {name: getattr(d, f"urgent_{name}") for name in URGENT_ANSWERS}
        notified = initial["supervisor_notified"]
        initial["supervisor_notified"] = {True: "yes", False: "no"}.get(notified, "")
        for name in ("learned_at", "action_at"):
            moment = initial[name] or timezone.now()
            initial[name] = timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
        return initial

    def clean_action_at(self):
        value = self.cleaned_data["action_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError("The time you acted can't be in the future.")
        return value

    def clean_learned_at(self):
        value = self.cleaned_data["learned_at"]
        if value is not None and value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError("The time you learned of it can't be in the future.")
        return value
