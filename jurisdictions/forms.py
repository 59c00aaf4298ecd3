"""Forms of the rule editor. The form only gathers what was typed into the structured content
a JSON file holds; ``rows.check_content`` (the importers' validator) decides what is valid,
and its problems are shown beside the fields they name."""

from __future__ import annotations

import re

from django import forms

from accounts.models import Profession
from jurisdictions.kinds import ALL_PROFESSIONS, Classification, DutyKind, Verification
from jurisdictions.models import Jurisdiction, RuleVersion
from jurisdictions.rows import RuleDataError
from jurisdictions.timelimits import PART_SEPARATOR
from jurisdictions.transfer import MAX_BYTES

_TEXTAREA = {"rows": 3}
# A problem of check_content reads "<where>: <field> <what is wrong>".
_PROBLEM = re.compile(r"^[^:]*: (?P<field>[a-z_]+)\b(?P<sep>:?)\s*(?P<rest>.*)$", re.S)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class RuleContentForm(forms.Form):
    classification = forms.ChoiceField(
        choices=Classification.choices,
        widget=forms.RadioSelect,
        help_text='Never "no duty": where the sources disagree or none was found, unclear.',
    )
    professions = forms.MultipleChoiceField(
        choices=[(ALL_PROFESSIONS, "Every profession"), *Profession.choices],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The professions the rule names; or every profession.",
    )
    trigger = forms.CharField(
        widget=forms.Textarea(attrs=_TEXTAREA),
        required=False,
        help_text="When the duty arises, in plain words.",
    )
    discharge_steps = forms.CharField(
        label="Discharge steps, in order",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What satisfies the duty. One step per line, first step first.",
    )
    notify = forms.CharField(
        label="Whom to notify, and how",
        widget=forms.Textarea(attrs=_TEXTAREA),
        required=False,
    )
    time_limits = forms.CharField(
        widget=forms.Textarea(attrs=_TEXTAREA),
        required=False,
        help_text=(
            "One per line, as <what> :: <when>; <when> is immediately, 36h, 2d or words "
            "(e.g. written report :: 36h)."
        ),
    )
    citation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The statute or leading case (only an unclear rule may have none).",
    )
    source_urls = forms.CharField(
        label="Source addresses",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="The official text's web address; one per line.",
    )
    verified_on = forms.CharField(
        label="Verified on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When the text was last checked against its source (YYYY-MM-DD).",
    )
    verified_by = forms.CharField(label="Verified by", required=False)
    verification = forms.ChoiceField(
        label="Verified how", choices=Verification.choices, initial=Verification.UNVERIFIED
    )
    verification_note = forms.CharField(
        label="What was checked against what",
        widget=forms.Textarea(attrs=_TEXTAREA),
        required=False,
    )
    notes = forms.CharField(widget=forms.Textarea(attrs=_TEXTAREA), required=False)
    change_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text="What changes and why; kept with the version for good.",
    )

    @staticmethod
    def initial_for(version: RuleVersion) -> dict:
        raw = version.raw_content()
        return {
            **raw,
            "discharge_steps": "\n".join(raw["discharge_steps"]),
            "time_limits": "\n".join(
                f"{t['label']} {PART_SEPARATOR} {t['when']}" for t in raw["time_limits"]
            ),
            "source_urls": "\n".join(raw["source_urls"]),
            "change_note": version.change_note,
        }

    def content(self) -> dict:
        """What was typed, as the structured content ``check_content`` reads."""
        data = self.cleaned_data
        limits = []
        for line in _lines(data["time_limits"]):
            label, _, when = line.partition(PART_SEPARATOR)
            limits.append({"label": label.strip(), "when": when.strip()})
        return {
            "classification": data["classification"],
            "professions": data["professions"],
            "trigger": data["trigger"],
            "discharge_steps": _lines(data["discharge_steps"]),
            "notify": data["notify"],
            "time_limits": limits,
            "citation": data["citation"],
            "source_urls": _lines(data["source_urls"]),
            "verified_on": data["verified_on"],
            "verified_by": data["verified_by"],
            "verification": data["verification"],
            "verification_note": data["verification_note"],
            "notes": data["notes"],
        }

    def add_problems(self, error: RuleDataError) -> None:
        """Each problem beside the field it names (the rest above the form)."""
        for problem in error.problems:
            match = _PROBLEM.match(problem)
            name = match and match["field"]
            if name in self.fields:
                # The validator's sentence with the column's name in words.
                words = name.replace("_", " ").replace("urls", "addresses").capitalize()
                self.add_error(name, f"{words}{match['sep']} {match['rest']}")
            else:
                self.add_error(None, problem)


class NewRuleForm(RuleContentForm):
    """A rule for a jurisdiction and duty that has none yet."""

    jurisdiction = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.all(), to_field_name="code", empty_label=None
    )
    duty = forms.ChoiceField(choices=DutyKind.choices)
    field_order = ["jurisdiction", "duty"]


class JurisdictionForm(forms.Form):
    code = forms.CharField(
        max_length=12, help_text="ISO 3166-2 style: country, hyphen, subdivision (e.g. AU-VIC)."
    )
    name = forms.CharField(max_length=120, help_text="e.g. Victoria")
    country = forms.CharField(max_length=2, help_text="ISO 3166-1 alpha-2, e.g. AU.")


class RuleImportForm(forms.Form):
    file = forms.FileField(
        label="Rule file (.json or .csv)",
        help_text=(
            "An EthicsDesk rule set (.json, every version) or a rule table (.csv, the columns "
            "of docs/jurisdictions.md), at most 5 MB. Each changed rule is published."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size // 1024} KB; the limit is {MAX_BYTES // 1_000_000} MB."
            )
        if not upload.name.lower().endswith((".json", ".csv")):
            raise forms.ValidationError("Choose a .json or a .csv file.")
        return upload
