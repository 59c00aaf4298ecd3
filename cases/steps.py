"""One handler per step kind: the fields of its form, how it saves, and when it is complete.

Each handler works on a deliberation whose relations are prefetched (see
``cases.selectors``), so computing a step's state costs no queries.
"""

from __future__ import annotations

from django import forms

from cases.forms import LinesField, choice, line, text
from cases.models import (
    Consequence,
    CustomAnswer,
    Deliberation,
    DilemmaKind,
    PrincipleMark,
    ProvisionNote,
    TestAnswer,
    Urgency,
    VirtueReflection,
)
from cases.scoring import IMPACTS, LIKELIHOODS, STRENGTHS

EMPTY, STARTED, COMPLETE = "empty", "started", "complete"
YES_NO_UNSURE = [("yes", "Yes, the code settles it"), ("no", "No"), ("unsure", "Not sure yet")]


def _upsert(model, cells: dict[tuple, dict], unique_fields: list[str]) -> None:
    """Insert or update one row per cell, writing only the fields that were submitted.

    Cells are grouped by the set of fields they carry, so a full form is one query.
    """
    groups: dict[tuple[str, ...], list] = {}
    for key, values in cells.items():
        fields = tuple(sorted(values))
        row = model(**dict(zip(unique_fields, key, strict=True)), **values)
        groups.setdefault(fields, []).append(row)
    for fields, rows in groups.items():
        model.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=unique_fields, update_fields=list(fields)
        )


def _cells(data: dict, parts: dict[str, str], convert) -> dict[tuple, dict]:
    """Group submitted matrix fields (``<prefix>__<a>__<b>``) by cell."""
    cells: dict[tuple, dict] = {}
    for name, value in data.items():
        prefix, _, rest = name.partition("__")
        if prefix not in parts or not rest:
            continue
        key = tuple(int(x) if x.isdigit() else x for x in rest.split("__"))
        cells.setdefault(key, {})[parts[prefix]] = convert(parts[prefix], value)
    return cells


def _int_or_none(field: str, value):
    if field in ("strength", "impact", "likelihood"):
        return int(value) if value not in ("", None) else None
    return value


def _filled(*values) -> int:
    return sum(1 for v in values if v not in (None, "", [], {}))


def _state(filled: int, missing: list[str]) -> str:
    if not missing:
        return COMPLETE
    return STARTED if filled else EMPTY


class Step:
    """The base handler: custom questions and the state computed from ``missing``."""

    kind = ""
    rows: tuple[str, ...] = ()  # row kinds edited on this step (cases.forms.ROW_FORMS)
    form_needs: tuple[str, ...] = ()  # relations the form's fields are built from
    state_needs: tuple[str, ...] = ()  # relations the step's state is computed from
    shows_panel = True
    # A private step (the own-values-and-bias reflection) is read by the owner and their
    # supervisor only: ethicsdesk.access.can_read_step asks here.
    private = False
    # The fields ``missing`` checks, marked "needed before you can sign" on the page: a form
    # field's name, or a prefix ending in "__" for every cell of a matrix.
    needs: tuple[str, ...] = ()
    row_needs: tuple[str, ...] = ()  # the same for the fields of each row (stakeholders, ...)

    def needed_fields(self, row=None) -> tuple[str, ...]:
        """The fields of the step's form (or of one of its rows) that signing needs."""
        return self.row_needs if row is not None else self.needs

    def row_kinds(self, definition: dict) -> tuple[str, ...]:
        """The rows edited on this step for a given framework version."""
        return self.rows

    def fields(self, d: Deliberation, definition: dict) -> dict[str, forms.Field]:
        return {}

    def initial(self, d: Deliberation, definition: dict) -> dict:
        return {}

    def save(self, d: Deliberation, data: dict, definition: dict) -> list[str]:
        """Write ``data`` (only the valid fields). Returns the Deliberation fields changed."""
        return []

    def missing(self, d: Deliberation, definition: dict) -> list[str]:
        return []

    def filled(self, d: Deliberation, definition: dict) -> int:
        return 0

    def state(self, d: Deliberation, definition: dict, step: dict) -> str:
        answered = 0
        if step.get("questions"):
            answered = sum(
                1 for a in d.custom_answers.all() if a.step_key == step["key"] and a.answer.strip()
            )
        return _state(self.filled(d, definition) + answered, self.missing(d, definition))

    # -- the form, with the clinic's own questions appended --------------------------------

    def build_form(self, d: Deliberation, definition: dict, step: dict, data=None) -> forms.Form:
        """The step's form; bound to ``data`` for a save, when no initial values are read."""
        fields = self.fields(d, definition)
        initial: dict = {}
        answers: dict = {}
        if data is None:
            initial = self.initial(d, definition)
            if step.get("questions"):
                answers = {
                    a.question_key: a.answer
                    for a in d.custom_answers.all()
                    if a.step_key == step["key"]
                }
        for q in step.get("questions", []):
            fields[f"q__{q['key']}"] = text(q["text"], rows=3)
            if data is None:
                initial[f"q__{q['key']}"] = answers.get(q["key"], "")
        form = forms.Form(data=data, initial=initial, auto_id="id_%s")
        form.fields.update(fields)
        return form

    def save_form(self, d: Deliberation, data: dict, definition: dict, step: dict) -> list[str]:
        answers = [
            CustomAnswer(deliberation=d, step_key=step["key"], question_key=name[3:], answer=value)
            for name, value in data.items()
            if name.startswith("q__")
        ]
        if answers:
            CustomAnswer.objects.bulk_create(
                answers,
                update_conflicts=True,
                unique_fields=["deliberation", "step_key", "question_key"],
                update_fields=["answer"],
            )
        return self.save(d, {k: v for k, v in data.items() if not k.startswith("q__")}, definition)


class ModelFieldsStep(Step):
    """A step whose fields are plain columns of the Deliberation (or of one related row)."""

    required: tuple[tuple[str, str], ...] = ()  # (field, what is missing)

    @property
    def needs(self):  # type: ignore[override]
        return tuple(name for name, _ in self.required)

    def target(self, d: Deliberation):
        return d

    def initial(self, d, definition):
        target = self.target(d)
        return {name: getattr(target, name) for name in self.fields(d, definition)}

    def save(self, d, data, definition):
        target = self.target(d)
        for name, value in data.items():
            setattr(target, name, value)
        if target is d:
            return list(data)
        if data:
            target.save(update_fields=list(data))
        return []

    def missing(self, d, definition):
        target = self.target(d)
        return [message for name, message in self.required if not getattr(target, name)]

    def filled(self, d, definition):
        target = self.target(d)
        return _filled(*(getattr(target, name) for name in self.fields(d, definition)))


class DilemmaStep(ModelFieldsStep):
    kind = "dilemma"
    shows_panel = False
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
        return _filled(d.facts, d.assumptions, d.question, d.kinds)


class ValuesBiasStep(ModelFieldsStep):
    kind = "values_bias"
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


class CodesLawStep(Step):
    kind = "codes_law"
    state_needs = ("provision_notes",)
    needs = ("applies__", "legal_duties", "jurisdiction")

    def fields(self, d, definition):
        fields: dict[str, forms.Field] = {}
        for p in definition["provisions"]:
            fields[f"applies__{p['key']}"] = forms.BooleanField(
                label=f"{p['topic']} ({p['citation']})", required=False
            )
            # A box that wraps and grows (worksheet.css), so the whole note stays in view.
            fields[f"note__{p['key']}"] = forms.CharField(
                label=f"How it bears on this case: {p['topic']}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "grows"}),
            )
        fields["code_settles"] = choice(
            "Does the code settle the question?", YES_NO_UNSURE, radio=True
        )
        fields["legal_duties"] = text("Legal duties that apply", rows=3)
        fields["jurisdiction"] = line(
            "Jurisdiction",
            max_length=200,
            help_text="e.g. the state where you practise and where the client is.",
        )
        return fields

    def initial(self, d, definition):
        notes = {n.provision_key: n.note for n in d.provision_notes.all()}
        initial = {
            "code_settles": {True: "yes", False: "no"}.get(
                d.code_settles, "unsure" if d.legal_duties else ""
            ),
            "legal_duties": d.legal_duties,
            "jurisdiction": d.jurisdiction,
        }
        for key, note in notes.items():
            initial[f"applies__{key}"] = True
            initial[f"note__{key}"] = note
        return initial

    def save(self, d, data, definition):
        changed, keep, drop = [], [], []
        for p in definition["provisions"]:
            key = p["key"]
            if f"applies__{key}" not in data:
                continue
            note = data.get(f"note__{key}", "")
            if data[f"applies__{key}"] or note:
                keep.append(ProvisionNote(deliberation=d, provision_key=key, note=note))
            else:
                drop.append(key)
        if keep:
            ProvisionNote.objects.bulk_create(
                keep,
                update_conflicts=True,
                unique_fields=["deliberation", "provision_key"],
                update_fields=["note"],
            )
        if drop:
            ProvisionNote.objects.filter(deliberation=d, provision_key__in=drop).delete()
        if "code_settles" in data:
            d.code_settles = {"yes": True, "no": False}.get(data["code_settles"])
            changed.append("code_settles")
        for name in ("legal_duties", "jurisdiction"):
            if name in data:
                setattr(d, name, data[name])
                changed.append(name)
        return changed

    def missing(self, d, definition):
        missing = []
        if not d.provision_notes.all():
            missing.append("Choose the code provisions that apply.")
        if not d.legal_duties.strip() and not d.jurisdiction.strip():
            missing.append("Note the legal duties and the jurisdiction.")
        return missing

    def filled(self, d, definition):
        return len(d.provision_notes.all()) + _filled(d.legal_duties, d.jurisdiction)


class RowsStep(Step):
    """A step made of rows (stakeholders, options, consultations) edited one row at a time."""

    row_kind = ""

    @property
    def rows(self):  # type: ignore[override]
        return (self.row_kind,)

    def items(self, d):
        return list(getattr(d, self.row_kind).all())


class StakeholdersStep(RowsStep):
    kind = "stakeholders"
    row_kind = "stakeholders"
    shows_panel = False
    state_needs = ("stakeholders",)
    row_needs = ("name",)

    def needed_fields(self, row=None):
        if row is not None and row.kind == "client":
            return ("name", "involved", "involvement")
        return super().needed_fields(row)

    def missing(self, d, definition):
        rows = self.items(d)
        missing = []
        if not rows:
            missing.append("Add the people and groups affected.")
        if any(not r.name.strip() for r in rows):
            missing.append("Give every stakeholder a name or role.")
        clients = [r for r in rows if r.kind == "client"]
        if rows and not clients:
            missing.append("Add the client as a stakeholder.")
        if any(not c.involved for c in clients):
            missing.append("Record whether and how the client was involved.")
        return missing

    def filled(self, d, definition):
        return len(self.items(d))


class OptionsStep(RowsStep):
    kind = "options"
    row_kind = "options"
    state_needs = ("options",)
    row_needs = ("label",)

    def missing(self, d, definition):
        rows = self.items(d)
        missing = []
        if len(rows) < 2:
            missing.append("Describe at least two options.")
        if any(not r.label.strip() for r in rows):
            missing.append("Give every option a short name.")
        return missing

    def filled(self, d, definition):
        return len(self.items(d))


class ConsultationStep(RowsStep):
    kind = "consultation"
    row_kind = "consultations"
    state_needs = ("consultations",)
    row_needs = ("consultant", "advice")

    def fields(self, d, definition):
        return {
            "no_consultation_reason": text(
                "If you did not consult anyone, why not?",
                rows=2,
                help_text="Leave blank when you record a consultation above.",
            )
        }

    def initial(self, d, definition):
        return {"no_consultation_reason": d.no_consultation_reason}

    def save(self, d, data, definition):
        if "no_consultation_reason" in data:
            d.no_consultation_reason = data["no_consultation_reason"]
            return ["no_consultation_reason"]
        return []

    def missing(self, d, definition):
        rows = self.items(d)
        if not rows and not d.no_consultation_reason.strip():
            return ["Record a consultation, or why there was none."]
        if any(not r.consultant.strip() or not r.advice.strip() for r in rows):
            return ["Say who was consulted and what they advised."]
        return []

    def filled(self, d, definition):
        return len(self.items(d)) + _filled(d.no_consultation_reason)


class PrinciplesStep(Step):
    kind = "principles"
    form_needs = ("options",)
    state_needs = ("options__marks",)
    needs = ("mark__", "why__", "principle_priority")

    def fields(self, d, definition):
        fields: dict[str, forms.Field] = {}
        for option in d.options.all():
            for p in definition["principles"]:
                cell = f"{option.pk}__{p['key']}"
                fields[f"mark__{cell}"] = choice(f"{option.label}: {p['name']}", STRENGTHS)
                # A text box that wraps and grows: every word of the reason stays readable.
                fields[f"why__{cell}"] = forms.CharField(
                    label=f"Why ({option.label}, {p['name']})",
                    required=False,
                    max_length=300,
                    widget=forms.Textarea(attrs={"rows": 1, "class": "reason"}),
                )
        fields["principle_conflicts"] = text("Which principles conflict here?", rows=3)
        fields["principle_priority"] = text("Which take priority, and why?", rows=3)
        return fields

    def initial(self, d, definition):
        initial = {
            "principle_conflicts": d.principle_conflicts,
            "principle_priority": d.principle_priority,
        }
        for option in d.options.all():
            for mark in option.marks.all():
                cell = f"{option.pk}__{mark.principle_key}"
                initial[f"mark__{cell}"] = "" if mark.strength is None else str(mark.strength)
                initial[f"why__{cell}"] = mark.reason
        return initial

    def save(self, d, data, definition):
        cells = _cells(data, {"mark": "strength", "why": "reason"}, _int_or_none)
        if cells:
            _upsert(PrincipleMark, cells, ["option_id", "principle_key"])
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
        keys = [p["key"] for p in definition["principles"]]
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
        return sum(len(o.marks.all()) for o in d.options.all()) + _filled(d.principle_priority)


class ConsequencesStep(Step):
    kind = "consequences"
    form_needs = ("options", "stakeholders")
    state_needs = ("options__consequences",)
    needs = ("impact__", "likely__")

    def row_kinds(self, definition):
        # A framework without a stakeholders step (e.g. Principles) lists them here.
        kinds = {step["kind"] for step in definition["steps"]}
        return () if "stakeholders" in kinds else ("stakeholders",)

    def fields(self, d, definition):
        fields: dict[str, forms.Field] = {}
        for option in d.options.all():
            for person in d.stakeholders.all():
                cell = f"{option.pk}__{person.pk}"
                fields[f"impact__{cell}"] = choice(
                    f"{option.label}: effect on {person.name}", IMPACTS
                )
                fields[f"likely__{cell}"] = choice(
                    f"{option.label}: likelihood for {person.name}", LIKELIHOODS
                )
        return fields

    def initial(self, d, definition):
        initial = {}
        for option in d.options.all():
            for c in option.consequences.all():
                cell = f"{option.pk}__{c.stakeholder_id}"
                initial[f"impact__{cell}"] = "" if c.impact is None else str(c.impact)
                initial[f"likely__{cell}"] = "" if c.likelihood is None else str(c.likelihood)
        return initial

    def save(self, d, data, definition):
        cells = _cells(data, {"impact": "impact", "likely": "likelihood"}, _int_or_none)
        if cells:
            _upsert(Consequence, cells, ["option_id", "stakeholder_id"])
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


class CharacterStep(Step):
    kind = "character"
    form_needs = ("options",)
    state_needs = ("options__virtue",)
    needs = ("reflection__",)

    def fields(self, d, definition):
        virtues = [(v["key"], v["name"]) for v in definition["virtues"]]
        fields: dict[str, forms.Field] = {}
        for option in d.options.all():
            for part, label in (("expressed", "expresses"), ("strained", "strains")):
                fields[f"{part}__{option.pk}"] = forms.MultipleChoiceField(
                    label=f"Virtues “{option.label}” {label}",
                    choices=virtues,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            fields[f"reflection__{option.pk}"] = text(f"Reflection on “{option.label}”", rows=3)
        fields["character_summary"] = text("What would a good practitioner do here?", rows=3)
        return fields

    def initial(self, d, definition):
        initial = {"character_summary": d.character_summary}
        for option in d.options.all():
            virtue = getattr(option, "virtue", None)
            if virtue is not None:
                initial[f"expressed__{option.pk}"] = virtue.expressed
                initial[f"strained__{option.pk}"] = virtue.strained
                initial[f"reflection__{option.pk}"] = virtue.reflection
        return initial

    def save(self, d, data, definition):
        parts = {"expressed": "expressed", "strained": "strained", "reflection": "reflection"}
        cells = _cells(data, parts, lambda field, value: value)
        if cells:
            _upsert(VirtueReflection, cells, ["option_id"])
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
        return sum(1 for o in d.options.all() if getattr(o, "virtue", None)) + _filled(
            d.character_summary
        )


class DecisionStep(ModelFieldsStep):
    kind = "decision"
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

    def save(self, d, data, definition):
        changed = super().save(d, data, definition)
        if "chosen_option_id" in data and d.chosen_option_id and d.decided_at is None:
            from django.utils import timezone

            d.decided_at = timezone.now()
            changed.append("decided_at")
        return changed


class ReviewSignStep(Step):
    kind = "review_sign"
    shows_panel = True

    def state(self, d, definition, step):
        return COMPLETE if not readiness(d, definition) else EMPTY


class FollowUpStep(ModelFieldsStep):
    kind = "follow_up"
    required = ()

    def fields(self, d, definition):
        return {
            "outcome": text("What happened?", rows=5),
            "lessons": text("What did you learn?", rows=4),
        }

    def state(self, d, definition, step):
        return (
            COMPLETE
            if d.outcome.strip() and d.lessons.strip()
            else (STARTED if d.outcome or d.lessons else EMPTY)
        )


HANDLERS: dict[str, Step] = {
    h.kind: h
    for h in (
        DilemmaStep(),
        ValuesBiasStep(),
        CodesLawStep(),
        StakeholdersStep(),
        OptionsStep(),
        PrinciplesStep(),
        ConsequencesStep(),
        CharacterStep(),
        ConsultationStep(),
        DecisionStep(),
        ReviewSignStep(),
        FollowUpStep(),
    )
}
NOT_REQUIRED_TO_SIGN = {"review_sign", "follow_up"}


def signing_needs(step: dict) -> bool:
    """Whether signing needs anything from this step."""
    return step["kind"] not in NOT_REQUIRED_TO_SIGN


def step_missing(d: Deliberation, definition: dict, step: dict) -> list[str]:
    """What one step still lacks before signing (nothing for the steps signing skips)."""
    if not signing_needs(step):
        return []
    return HANDLERS[step["kind"]].missing(d, definition)


def readiness(d: Deliberation, definition: dict) -> list[tuple[dict, str]]:
    """Everything still missing before signing, as (step, message), in step order."""
    return [
        (step, message)
        for step in definition["steps"]
        for message in step_missing(d, definition, step)
    ]
