"""Forms of the case library: search and filters, the copy's text and tags, a flag's
resolution, the review decision, a withdrawal, a reviewer designation."""

from __future__ import annotations

from django import forms

from accounts.models import User
from cases.models import DilemmaKind
from frameworks.typed import Definition
from library.models import FIELD_LABELS, TEXT_FIELDS, FlagResolution, LibraryEntry
from library.search import QUERY_MAX

_HELP = {
    "title": "A teaching title: no names, places or dates.",
    "situation": "What happened, told so that nobody could be recognised.",
}


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the library", required=False, max_length=QUERY_MAX)
    kind = forms.ChoiceField(label="Kind of dilemma", required=False)
    provision = forms.ChoiceField(label="Code provision", required=False)
    principle = forms.ChoiceField(label="Principle in tension", required=False)
    framework = forms.TypedChoiceField(
        label="Framework", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, frameworks: list[tuple[int, str, Definition]], **kwargs):
        super().__init__(*args, **kwargs)
        provisions: dict[str, str] = {}
        principles: dict[str, str] = {}
        for _, _, definition in frameworks:
            provisions |= definition.provision_labels
            principles |= definition.principle_names
        self.fields["kind"].choices = [("", "Any kind"), *DilemmaKind.choices]
        self.fields["provision"].choices = [("", "Any provision"), *sorted(provisions.items())]
        self.fields["principle"].choices = [("", "Any principle"), *sorted(principles.items())]
        self.fields["framework"].choices = [
            ("", "Any framework"),
            *((pk, name) for pk, name, _ in frameworks),
        ]


class EntryForm(forms.ModelForm):
    """The copy's text and its tags, from the framework's own lists."""

    kinds = forms.MultipleChoiceField(
        label="Kind of dilemma",
        required=False,
        choices=DilemmaKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    provisions = forms.MultipleChoiceField(
        label="Code provisions", required=False, widget=forms.CheckboxSelectMultiple
    )
    principles = forms.MultipleChoiceField(
        label="Principles in tension", required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LibraryEntry
        fields = [name for name, _ in TEXT_FIELDS]
        labels = FIELD_LABELS
        help_texts = _HELP
        widgets = {
            name: forms.Textarea(attrs={"rows": 4}) for name, _ in TEXT_FIELDS if name != "title"
        }

    def __init__(self, *args, definition: Definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provisions"].choices = list(definition.provision_labels.items())
        self.fields["principles"].choices = list(definition.principle_names.items())
        if not self.is_bound:
            for name in ("kinds", "provisions", "principles"):
                self.initial[name] = getattr(self.instance, name)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class FlagForm(forms.Form):
    resolution = forms.ChoiceField(choices=FlagResolution.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why it may stay",
        required=False,
        max_length=500,
        help_text="Needed when you keep it (e.g. “a made-up name”, “a legal citation”).",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("resolution") == FlagResolution.KEPT and not cleaned.get("reason", ""):
            self.add_error("reason", "Say why it may stay; it is kept only with a reason.")
        return cleaned


class ReviewForm(forms.Form):
    """Sending an entry back: what should change (approving needs nothing more)."""

    note = forms.CharField(
        label="What should change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to send it back; its author sees it.",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the entry (the clinic's own record of why).",
    )


class ReviewerForm(forms.Form):
    person = forms.ModelChoiceField(label="Clinician", queryset=User.objects.none())

    def __init__(self, *args, clinic_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = User.objects.filter(
            clinic_id=clinic_id, is_active=True, role__in=["clinician", "supervisor"]
        ).order_by("last_name", "first_name")
        self.fields["person"].label_from_instance = lambda u: u.display_name
