"""Forms for "My deliberations" (its filters) and "New deliberation".

Kept apart from ``cases/forms.py``, which holds the worksheet's step forms.
"""

from __future__ import annotations

from django import forms
from django.db.models import Case, Value, When

from cases.models import Status, Urgency
from cases.phi import looks_like_full_name
from frameworks.models import FrameworkVersion

# Seed 003's table: how the dilemma feels → the framework's ``suggested_for`` key.
FEELINGS = [
    ("confusion", "Confused"),
    ("frustration", "Frustrated"),
    ("anxiety", "Anxious"),
    ("empowerment", "Empowered, clear and ready to act"),
    ("unsure", "Not sure"),
]


class DeliberationFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Status.choices], required=False, label="Status"
    )
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        help_text="Title or client reference.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    @classmethod
    def from_query(cls, data) -> DeliberationFilterForm:
        """A valid form from any query string: unknown or malformed values are dropped."""
        form = cls(data)
        form.is_valid()
        kept = {name: value for name, value in form.cleaned_data.items() if value}
        form = cls(kept)
        form.is_valid()
        return form


class FrameworkVersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: FrameworkVersion) -> str:
        return obj.framework.name


class DeliberationNewForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="A few words you will recognise later. Leave out names and identifying details.",
    )
    client_reference = forms.CharField(
        label="Client reference",
        max_length=40,
        help_text="A chart number or initials the clinic uses — never the client's name.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    urgency = forms.ChoiceField(
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
        help_text=(
            "Imminent risk of serious harm opens a short safety screen first: the duty to warn "
            "or protect, who to call, and the action you took. The full worksheet follows."
        ),
    )
    feeling = forms.ChoiceField(
        label="How does this dilemma feel right now?",
        choices=FEELINGS,
        required=False,
        widget=forms.RadioSelect,
        help_text=(
            "Optional, and not saved. Each feeling suggests a framework: confusion → "
            "principles, frustration → stakeholder analysis, anxiety → utilitarian, "
            "empowerment → virtue ethics. The integrated worksheet stays the default, and you "
            "always choose."
        ),
    )
    framework = FrameworkVersionChoiceField(
        queryset=FrameworkVersion.objects.none(),
        help_text="Your clinic's default is selected. Each framework is described below.",
        error_messages={
            "invalid_choice": "Choose one of the frameworks listed; that one cannot be started.",
            "required": "Choose a framework to work through.",
        },
    )

    def __init__(
        self,
        *args,
        versions: list[FrameworkVersion],
        default: FrameworkVersion | None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.versions = versions
        field = self.fields["framework"]
        # Only the versions a clinician may start on are valid choices, default first.
        order = [When(pk=default.pk, then=Value(0))] if default else []
        field.queryset = (
            FrameworkVersion.objects.filter(pk__in=[v.pk for v in versions])
            .select_related("framework")
            .order_by(Case(*order, default=Value(1)), "framework__name")
        )
        if default is not None:
            field.initial = default.pk
            field.empty_label = None
            field.widget.attrs["data-default"] = str(default.pk)

    def clean_client_reference(self) -> str:
        value = self.cleaned_data["client_reference"]
        if looks_like_full_name(value):
            raise forms.ValidationError(
                "This looks like a name. Use a chart number or initials instead."
            )
        return value

    def suggested_version(self) -> FrameworkVersion | None:
        """The framework the chosen feeling points to, when the clinic has one."""
        feeling = self.data.get("feeling") if self.is_bound else None
        if not feeling:
            return None
        return next((v for v in self.versions if v.framework.suggested_for == feeling), None)
