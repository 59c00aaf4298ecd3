"""Fields and row forms of the worksheet. Step forms are assembled in ``cases.steps``."""

from __future__ import annotations

from django import forms

from cases.models import Consultation, Option, Stakeholder

TEXT_LIMIT = 20000


class LinesField(forms.CharField):
    """A textarea whose lines become a list (one fact, assumption or prompt per line)."""

    widget = forms.Textarea

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", TEXT_LIMIT)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("rows", 4)

    def clean(self, value):
        text = super().clean(value)
        return [line.strip(" •-\t") for line in text.splitlines() if line.strip(" •-\t")]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


def text(label: str, *, rows: int = 3, help_text: str = "", required: bool = False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def line(label: str, *, max_length: int = 300, help_text: str = "", required: bool = False):
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text
    )


def choice(label: str, choices, *, radio: bool = False, help_text: str = "", blank: str = "—"):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=([] if radio else [("", blank)]) + [(str(k), v) for k, v in choices],
        coerce=str,
        empty_value="",
        help_text=help_text,
        widget=forms.RadioSelect if radio else forms.Select,
    )


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "interests", "values", "involved", "involvement"]
        labels = {
            "kind": "Who they are",
            "interests": "Their interests",
            "values": "Their values",
            "involved": "Involved in the decision?",
        }
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 2}),
            "values": forms.Textarea(attrs={"rows": 2}),
            "involvement": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"involvement": "For the client: how they took part, or why they did not."}


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["label", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"label": "A few words, e.g. “Disclose to the parent with consent”."}


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["consultant", "kind", "consulted_on", "advice"]
        labels = {"kind": "Their role"}
        widgets = {
            "consulted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "advice": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"consultant": "A role or first name only; leave identifying details out."}


ROW_FORMS: dict[str, tuple[type[forms.ModelForm], str, str]] = {
    # kind: (form, related name on Deliberation, singular label)
    "stakeholders": (StakeholderForm, "stakeholders", "stakeholder"),
    "options": (OptionForm, "options", "option"),
    "consultations": (ConsultationForm, "consultations", "consultation"),
}
# The most rows of each kind one deliberation holds: more than a real deliberation needs,
# few enough that the matrix steps (options x principles, options x stakeholders) stay fast.
ROW_CAPS: dict[str, int] = {"stakeholders": 30, "options": 12, "consultations": 30}
