"""Principles: each option marked against each principle of the framework, with a reason."""

from __future__ import annotations

from django import forms

from cases.forms import choice, text
from cases.models import PrincipleMark
from cases.scoring import STRENGTHS
from cases.steps.base import MatrixNames, MatrixStep, filled_count, int_or_none, upsert


class PrinciplesStep(MatrixStep):
    kind = "principles"
    template = "cases/steps/principles.html"
    wide = True
    form_needs = ("options",)
    state_needs = ("options__marks",)
    matrix = MatrixNames({"mark": "strength", "why": "reason"})
    needs = (matrix.prefix("mark"), matrix.prefix("why"), "principle_priority")
    glossary = ("Principles weighed for each option", "principles")

    def cells(self, d, definition):
        for option in d.options.all():
            for p in definition.principles:
                yield (
                    "mark",
                    self.matrix.name("mark", option.pk, p.key),
                    f"{option.label}: {p.name}",
                )
                yield (
                    "why",
                    self.matrix.name("why", option.pk, p.key),
                    f"Why ({option.label}, {p.name})",
                )

    def cell_field(self, part, label):
        if part == "mark":
            return choice(label, STRENGTHS)
        # A text box that wraps and grows: every word of the reason stays readable.
        return forms.CharField(
            label=label,
            required=False,
            max_length=300,
            widget=forms.Textarea(attrs={"rows": 1, "class": "reason"}),
        )

    def own_fields(self, d, definition):
        return {
            "principle_conflicts": text("Which principles conflict here?", rows=3),
            "principle_priority": text("Which take priority, and why?", rows=3),
        }

    def initial(self, d, definition):
        initial = {
            "principle_conflicts": d.principle_conflicts,
            "principle_priority": d.principle_priority,
        }
        for option in d.options.all():
            for mark in option.marks.all():
                key = (option.pk, mark.principle_key)
                strength = "" if mark.strength is None else str(mark.strength)
                initial[self.matrix.name("mark", *key)] = strength
                initial[self.matrix.name("why", *key)] = mark.reason
        return initial

    def save(self, d, definition, data):
        cells = self.matrix.cells(data, int_or_none)
        if cells:
            upsert(PrincipleMark, cells, ["option_id", "principle_key"])
        changed = []
        for name in ("principle_conflicts", "principle_priority"):
            if name in data:
                setattr(d, name, data[name])
                changed.append(name)
        return changed

    def missing(self, d, definition):
        options = list(d.options.all())
        if len(options) < 2:
            return ["Add at least two options first (Options step)."]
        keys = [p.key for p in definition.principles]
        unmarked = unreasoned = 0
        for option in options:
            marks = {m.principle_key: m for m in option.marks.all()}
            for key in keys:
                mark = marks.get(key)
                if mark is None or mark.strength is None:
                    unmarked += 1
                elif not mark.reason.strip():
                    unreasoned += 1
        missing = []
        if unmarked:
            missing.append(f"Mark every option against every principle ({unmarked} cells open).")
        if unreasoned:
            missing.append(f"Give a one-line reason for each mark ({unreasoned} without one).")
        if not d.principle_priority.strip():
            missing.append("Say which principles take priority, and why.")
        return missing

    def filled(self, d, definition):
        marks = sum(len(o.marks.all()) for o in d.options.all())
        return marks + filled_count(d.principle_priority)

    def layout(self, d, definition, step, cells):
        return [
            {
                "option": o,
                "cells": [
                    {
                        "principle": p,
                        "mark": cells[self.matrix.name("mark", o.pk, p.key)],
                        "why": cells[self.matrix.name("why", o.pk, p.key)],
                    }
                    for p in definition.principles
                ],
            }
            for o in d.options.all()
        ]
