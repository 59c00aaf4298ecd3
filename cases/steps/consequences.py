"""Consequences: each option's effect on each stakeholder, and how likely it is."""

from __future__ import annotations

from cases.forms import choice
from cases.models import Consequence
from cases.scoring import IMPACTS, LIKELIHOODS
from cases.steps.base import MatrixNames, MatrixStep, int_or_none, upsert


class ConsequencesStep(MatrixStep):
    kind = "consequences"
    template = "cases/steps/consequences.html"
    wide = True
    form_needs = ("options", "stakeholders")
    state_needs = ("options__consequences",)
    matrix = MatrixNames({"impact": "impact", "likely": "likelihood"})
    needs = (matrix.prefix("impact"), matrix.prefix("likely"))

    def row_kinds(self, definition):
        # A framework without a stakeholders step (e.g. Principles) lists them here.
        return () if definition.has("stakeholders") else ("stakeholders",)

    def cells(self, d, definition):
        for option in d.options.all():
            for person in d.stakeholders.all():
                key = (option.pk, person.pk)
                yield (
                    "impact",
                    self.matrix.name("impact", *key),
                    f"{option.label}: effect on {person.name}",
                )
                yield (
                    "likely",
                    self.matrix.name("likely", *key),
                    f"{option.label}: likelihood for {person.name}",
                )

    def cell_field(self, part, label):
        return choice(label, IMPACTS if part == "impact" else LIKELIHOODS)

    def initial(self, d, definition):
        initial = {}
        for option in d.options.all():
            for c in option.consequences.all():
                key = (option.pk, c.stakeholder_id)
                initial[self.matrix.name("impact", *key)] = (
                    "" if c.impact is None else str(c.impact)
                )
                initial[self.matrix.name("likely", *key)] = (
                    "" if c.likelihood is None else str(c.likelihood)
                )
        return initial

    def save(self, d, definition, data):
        cells = self.matrix.cells(data, int_or_none)
        if cells:
            upsert(Consequence, cells, ["option_id", "stakeholder_id"])
        return []

    def missing(self, d, definition):
        options, people = list(d.options.all()), list(d.stakeholders.all())
        if len(options) < 2 or not people:
            return ["Add the stakeholders and at least two options first."]
        ids = {p.pk for p in people}
        done = sum(
            1
            for o in options
            for c in o.consequences.all()
            if c.stakeholder_id in ids and c.impact is not None and c.likelihood is not None
        )
        open_cells = len(options) * len(people) - done
        return (
            [f"Estimate every option's effect on every stakeholder ({open_cells} open)."]
            if open_cells
            else []
        )

    def filled(self, d, definition):
        return sum(len(o.consequences.all()) for o in d.options.all())

    def layout(self, d, definition, step, cells):
        return [
            {
                "option": o,
                "cells": [
                    {
                        "stakeholder": s,
                        "impact": cells[self.matrix.name("impact", o.pk, s.pk)],
                        "likely": cells[self.matrix.name("likely", o.pk, s.pk)],
                    }
                    for s in d.stakeholders.all()
                ],
            }
            for o in d.options.all()
        ]
