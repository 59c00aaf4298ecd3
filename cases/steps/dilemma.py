"""The dilemma: facts kept apart from assumptions, the question, its kind and urgency."""

from __future__ import annotations

from django import forms

from cases.forms import LinesField, text
from cases.models import DilemmaKind, Urgency
from cases.steps.base import ModelFieldsStep, filled_count


class DilemmaStep(ModelFieldsStep):
    kind = "dilemma"
    shows_panel = False
    # Beside the dilemma: the clinic's library cases most like it (library/views/browse.py).
    side_template = "library/_similar_panel.html"
    urgent_banner = True  # the urgency is set here
    required = (
        ("facts", "List at least one fact."),
        ("question", "State the dilemma as “Should I … or …?”."),
        ("kinds", "Say what kind of dilemma it is."),
    )

    def fields(self, d, definition):
        return {
            "title": forms.CharField(label="Title", max_length=200),
            "client_reference": forms.CharField(
                label="Client reference",
                max_length=40,
                help_text="A chart number or initials; never the client's name.",
            ),
            "facts": LinesField(
                label="Facts: what happened", help_text="What you know, one per line."
            ),
            "assumptions": LinesField(
                label="Assumptions: what you infer or have heard",
                help_text="Kept apart from the facts, one per line.",
            ),
            "question": text("The dilemma: “Should I … or …?”", rows=2),
            "kinds": forms.MultipleChoiceField(
                label="Kind of dilemma",
                required=False,
                choices=DilemmaKind.choices,
                widget=forms.CheckboxSelectMultiple,
            ),
            "urgency": forms.ChoiceField(
                label="Urgency",
                choices=Urgency.choices,
                widget=forms.RadioSelect,
                help_text="Imminent risk opens the fast path: act on the safety duties first.",
            ),
        }

    def filled(self, d, definition):
        # Title, reference and urgency come from "New deliberation"; they don't start the step.
        return filled_count(d.facts, d.assumptions, d.question, d.kinds)
