"""The law on a deliberation: whose law applies, and a discharge step ticked with its time."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from jurisdictions.selectors import jurisdiction_choices

TELEHEALTH_HELP = (
    "Usually your clinic's. For telehealth, the law of where your client is at the time may "
    "apply as well as, or instead of, where you are licensed: check with your supervisor or "
    "counsel."
)


class JurisdictionForm(forms.Form):
    jurisdiction = forms.ChoiceField(label="Whose law applies", help_text=TELEHEALTH_HELP)

    def __init__(self, *args, known: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        known = jurisdiction_choices() if known is None else known
        self.fields["jurisdiction"].choices = [("", "Not chosen"), *known]
        self.fields["jurisdiction"].required = False


class TickForm(forms.Form):
    done = forms.BooleanField(required=False, label="Done")
    done_at = forms.DateTimeField(
        label="At",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean(self):
        data = super().clean()
        done_at = data.get("done_at")
        if data.get("done") and done_at is None and "done_at" not in self.errors:
            data["done_at"] = timezone.now().replace(second=0, microsecond=0)
        elif done_at is not None and done_at > timezone.now() + timedelta(minutes=5):
            self.add_error("done_at", "The time can't be in the future.")
        return data

    @property
    def moment(self):
        """When the step was done, or None to untick it."""
        return self.cleaned_data["done_at"] if self.cleaned_data.get("done") else None
