"""Forms for the clinic admin's framework screens."""

from __future__ import annotations

from django import forms

from frameworks.definition import LIMITS, STEP_KINDS

MAX_IMPORT_BYTES = 1024 * 1024


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class StepForm(forms.Form):
    title = forms.CharField(max_length=LIMITS["title"])
    guidance = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=LIMITS["text"],
        help_text="Shown at the top of the step. Separate paragraphs with a blank line.",
    )
    prompts = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Questions that help the clinician think. One per line.",
    )
    questions = forms.CharField(
        label="Custom questions",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Your clinic's own questions, each with an answer box. One per line.",
    )
    provisions = forms.MultipleChoiceField(
        label="Code provisions shown on this step",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, provision_choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provisions"].choices = provision_choices

    def _clean_lines(self, name: str) -> list[str]:
        lines = _lines(self.cleaned_data.get(name, ""))
        too_long = [line for line in lines if len(line) > LIMITS["line"]]
        if too_long:
            raise forms.ValidationError(
                f"Keep each line under {LIMITS['line']} characters; one line has "
                f"{len(too_long[0])}."
            )
        return lines

    def clean_prompts(self) -> list[str]:
        return self._clean_lines("prompts")

    def clean_questions(self) -> list[str]:
        return self._clean_lines("questions")

    @staticmethod
    def initial_for(step: dict) -> dict:
        return {
            "title": step["title"],
            "guidance": step.get("guidance", ""),
            "prompts": "\n".join(step.get("prompts", [])),
            "questions": "\n".join(q["text"] for q in step.get("questions", [])),
            "provisions": step.get("provisions", []),
        }


class AddStepForm(forms.Form):
    kind = forms.ChoiceField(label="Step to add")

    def __init__(self, *args, present_kinds: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, label) for kind, label in STEP_KINDS.items() if kind not in present_kinds
        ]


class PrincipleForm(forms.Form):
    name = forms.CharField(max_length=LIMITS["name"])
    definition = forms.CharField(
        max_length=LIMITS["line"], widget=forms.Textarea(attrs={"rows": 2})
    )


class VirtueForm(PrincipleForm):
    pass


class ProvisionForm(forms.Form):
    topic = forms.CharField(max_length=LIMITS["topic"])
    text = forms.CharField(
        max_length=LIMITS["text"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your own words; the citation points to the code's own text.",
    )
    citation = forms.CharField(max_length=LIMITS["citation"], help_text="e.g. ACA B.2.a; APA 4.05")
    safety_duty = forms.BooleanField(
        required=False,
        label="A safety duty (shown on the imminent-risk fast path)",
    )


COLLECTION_FORMS: dict[str, type[forms.Form]] = {
    "principles": PrincipleForm,
    "virtues": VirtueForm,
    "provisions": ProvisionForm,
}


class FrameworkDetailsForm(forms.Form):
    name = forms.CharField(max_length=120)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class PublishForm(forms.Form):
    change_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="What changed and why. Kept with the version for good.",
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Framework file (.json)",
        help_text="A file exported from EthicsDesk, at most 1 MB. It becomes a new draft.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // 1024} KB; the limit is 1 MB (1024 KB)."
            )
        return upload
