"""The closing steps: the decision, review and sign, and the follow-up."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from cases.forms import choice, line, text
from cases.models import TestAnswer
from cases.steps.base import COMPLETE, EMPTY, STARTED, ModelFieldsStep, Step
from records.render import chart_note_html


class DecisionStep(ModelFieldsStep):
    kind = "decision"
    template = "cases/steps/decision.html"
    form_needs = ("options",)
    required = (
        ("chosen_option_id", "Choose one of the options."),
        ("rationale", "Explain the decision in your own words."),
        ("justice_test", "Answer the justice test."),
        ("publicity_test", "Answer the publicity test."),
        ("universality_test", "Answer the universality test."),
        ("moral_residue", "Name the moral residue: what is lost or left undone."),
        ("action_plan", "Write the action plan: who does what by when."),
        ("follow_up_date", "Set a follow-up date."),
    )
    TESTS = (
        ("justice", "Justice: would you treat others alike in the same situation?"),
        ("publicity", "Publicity: would you be comfortable if this decision were public?"),
        ("universality", "Universality: would you recommend it to another clinician?"),
    )

    def fields(self, d, definition):
        fields: dict[str, forms.Field] = {
            "chosen_option_id": forms.TypedChoiceField(
                label="The option you choose",
                choices=[(o.pk, o.label) for o in d.options.all()],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            ),
            "rationale": text(
                "Rationale",
                rows=6,
                help_text="In your words, citing the principles, stakeholders and consequences.",
            ),
        }
        for name, label in self.TESTS:
            fields[f"{name}_test"] = choice(label, TestAnswer.choices, radio=True)
            fields[f"{name}_reason"] = line(f"Why ({name} test)", max_length=2000)
        fields |= {
            "moral_residue": text("Moral residue: what is lost or left undone?", rows=3),
            "residue_reduction": text("How you will reduce it", rows=2),
            "action_plan": text("Action plan: who does what by when", rows=4),
            "follow_up_date": forms.DateField(
                label="Follow-up date",
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            ),
        }
        return fields

    def save(self, d, definition, data):
        changed = super().save(d, definition, data)
        if "chosen_option_id" in data and d.chosen_option_id and d.decided_at is None:
            d.decided_at = timezone.now()
            changed.append("decided_at")
        return changed


class ReviewSignStep(Step):
    """Review and sign: no form of its own; what every step still misses, and the chart note."""

    kind = "review_sign"
    template = "cases/steps/review_sign.html"
    head_css = ("css/document.css",)
    needs_worksheet = True
    review_needs = ("submissions",)
    signing_needs = False
    stays_last = True

    def shows_form(self, d):
        return False

    def state(self, d, definition, step):
        from cases.steps import readiness  # the registry imports this module

        return COMPLETE if not readiness(d, definition) else EMPTY

    def page_context(self, d, definition, step, **page):
        from cases.steps import readiness  # the registry imports this module

        urls = {s["key"]: s["url"] for s in page["stepper"]}
        return {
            "missing": [
                {"step": s, "message": m, "url": urls[s.key]} for s, m in readiness(d, definition)
            ],
            "states": page["states"],
            "chart_note": chart_note_html(d),
        }


class FollowUpStep(ModelFieldsStep):
    kind = "follow_up"
    signing_needs = False
    stays_last = True
    required = ()

    def shows_form(self, d):
        return d.chosen_option_id is not None  # it opens once the decision is made

    def body_template(self, d):
        return self.template if self.shows_form(d) else "cases/steps/follow_up_closed.html"

    def page_context(self, d, definition, step, **page):
        decision = next((s for s in definition.steps if s.kind == DecisionStep.kind), None)
        urls = {s["key"]: s["url"] for s in page["stepper"]}
        return {"decision_url": urls[decision.key] if decision else ""}

    def fields(self, d, definition):
        return {
            "outcome": text("What happened?", rows=5),
            "lessons": text("What did you learn?", rows=4),
        }

    def state(self, d, definition, step):
        if d.outcome.strip() and d.lessons.strip():
            return COMPLETE
        return STARTED if d.outcome or d.lessons else EMPTY
