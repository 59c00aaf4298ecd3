"""Own values and bias: a private reflection (the owner and their supervisor read it)."""

from __future__ import annotations

from cases.forms import text
from cases.steps.base import ModelFieldsStep


class ValuesBiasStep(ModelFieldsStep):
    kind = "values_bias"
    template = "cases/steps/values_bias.html"
    shows_panel = False
    private = True
    required = (
        ("values", "Note the values, beliefs or background this case touches."),
        ("safeguards", "Say how you will keep them from steering the decision."),
    )

    def target(self, d):
        return d.reflection

    def fields(self, d, definition):
        return {
            "values": text("Your values, beliefs and background this case touches", rows=4),
            "biases": text(
                "Possible biases",
                rows=3,
                help_text="Stereotypes, cultural assumptions, moral or religious convictions, "
                "power and privilege.",
            ),
            "effects": text(
                "Their likely effect",
                rows=3,
                help_text="e.g. misjudging the situation, shaping your approach, less empathy.",
            ),
            "safeguards": text("How you will keep them from steering the decision", rows=3),
        }
