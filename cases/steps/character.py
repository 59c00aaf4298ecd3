"""Character: which virtues each option expresses and strains, and a reflection on it."""

from __future__ import annotations

from django import forms

from cases.forms import text
from cases.models import VirtueReflection
from cases.steps.base import MatrixNames, Step, filled_count, upsert


class CharacterStep(Step):
    kind = "character"
    template = "cases/steps/character.html"
    form_needs = ("options",)
    state_needs = ("options__virtue",)
    matrix = MatrixNames(
        {"expressed": "expressed", "strained": "strained", "reflection": "reflection"}
    )
    needs = (matrix.prefix("reflection"),)
    glossary = ("Virtues", "virtues")

    def fields(self, d, definition):
        virtues = [(v.key, v.name) for v in definition.virtues]
        fields: dict[str, forms.Field] = {}
        for option in d.options.all():
            for part, label in (("expressed", "expresses"), ("strained", "strains")):
                fields[self.matrix.name(part, option.pk)] = forms.MultipleChoiceField(
                    label=f"Virtues “{option.label}” {label}",
                    choices=virtues,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            fields[self.matrix.name("reflection", option.pk)] = text(
                f"Reflection on “{option.label}”", rows=3
            )
        fields["character_summary"] = text("What would a good practitioner do here?", rows=3)
        return fields

    def initial(self, d, definition):
        initial = {"character_summary": d.character_summary}
        for option in d.options.all():
            virtue = getattr(option, "virtue", None)
            if virtue is not None:
                for part in self.matrix.parts:
                    initial[self.matrix.name(part, option.pk)] = getattr(virtue, part)
        return initial

    def save(self, d, definition, data):
        cells = self.matrix.cells(data)
        if cells:
            upsert(VirtueReflection, cells, ["option_id"])
        if "character_summary" in data:
            d.character_summary = data["character_summary"]
            return ["character_summary"]
        return []

    def missing(self, d, definition):
        options = list(d.options.all())
        if len(options) < 2:
            return ["Add at least two options first (Options step)."]
        open_options = [
            o for o in options if not getattr(o, "virtue", None) or not o.virtue.reflection.strip()
        ]
        return (
            [f"Reflect on the character of each option ({len(open_options)} open)."]
            if open_options
            else []
        )

    def filled(self, d, definition):
        reflected = sum(1 for o in d.options.all() if getattr(o, "virtue", None))
        return reflected + filled_count(d.character_summary)

    def layout(self, d, definition, step, cells):
        return [
            {
                "option": o,
                **{part: cells[self.matrix.name(part, o.pk)] for part in self.matrix.parts},
            }
            for o in d.options.all()
        ]
