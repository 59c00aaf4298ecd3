"""Codes and law: the code provisions that apply (each with a note), the rules of the
deliberation's jurisdiction for the clinician's profession (pinned when shown, as on the
fast path: ``cases.law``) with the clinician's judgment of each, and the legal duties."""

from __future__ import annotations

from django import forms

from cases.forms import choice, line, text
from cases.law import judgments_save, law_judged
from cases.models import ProvisionNote, RuleJudgment
from cases.steps.base import MatrixNames, Step, filled_count
from jurisdictions.selectors import jurisdiction_choices

YES_NO_UNSURE = [("yes", "Yes, the code settles it"), ("no", "No"), ("unsure", "Not sure yet")]
# The clinician's judgment of each rule shown: ``rule_applies__<version id>``, ``rule_why__<id>``.
JUDGMENT = MatrixNames({"rule_applies": "applies", "rule_why": "why"})
# Placed by the template beside the rules, not listed with the step's own fields.
PLACED = ("jurisdiction_code", "legal_duties", "jurisdiction")
# The fast path's telehealth guidance (cases.forms.law), in one line: the step is long already.
TELEHEALTH_SHORT = (
    "For telehealth, the law of where the client is may apply too: check with your supervisor "
    "or counsel."
)


class JurisdictionField(forms.ChoiceField):
    """Whose law applies, from the known jurisdictions (the fast path's list). The choices
    are read only when shown or when the code changes, once per form: an autosave that
    sends the stored code back costs no query."""

    def __init__(self, *, current: str, **kwargs) -> None:
        loaded: list[list[tuple[str, str]]] = []

        def choices() -> list[tuple[str, str]]:
            if not loaded:
                known = jurisdiction_choices()
                # A code the database does not (yet) know still shows as chosen, not "Not chosen".
                if current and current not in dict(known):
                    known.append((current, current))
                loaded.append([("", "Not chosen"), *known])
            return loaded[0]

        super().__init__(choices=choices, required=False, **kwargs)
        self.current = current

    def valid_value(self, value) -> bool:
        return value in ("", self.current) or super().valid_value(value)


class CodesLawLayout(list):
    """The provision rows (what the template calls ``matrix``) and the rules shown."""

    law: list[dict]


class CodesLawStep(Step):
    kind = "codes_law"
    template = "cases/steps/codes_law.html"
    state_needs = ("provision_notes",)
    matrix = MatrixNames({"applies": "applies", "note": "note"})
    needs = (matrix.prefix("applies"), "legal_duties", "jurisdiction")
    head_js = ("js/provision-filter.js", "js/law-citation.js")

    def in_layout(self, name):
        return super().in_layout(name) or JUDGMENT.owns(name) or name in PLACED

    def _judged(self, d, *, pin: bool = False):
        return law_judged(d, profession=d.owner.profession, pin=pin)

    def page_form(self, d, definition, step, *, disabled):
        # The rules are shown (and pinned, when the clinician may edit) before the form is
        # built, so each rule shown has its judgment fields.
        self._judged(d, pin=not disabled)
        return super().page_form(d, definition, step, disabled=disabled)

    def build_form(self, d, definition, step, data=None, *, page=False):
        fields = self.fields(d, definition)
        # A save validates the judgments it sends (the update is limited to the rules
        # pinned on the deliberation); a page has those of the rules pinned.
        ids: set[int] = set()
        duties: dict[int, str] = {}
        if data is not None:
            for name in data:
                parsed = JUDGMENT.parse(name)
                if parsed and isinstance(parsed[1][0], int):
                    ids.add(parsed[1][0])
        else:
            for j in self._judged(d):
                if j.pinned:
                    ids.add(j.version.pk)
                    duties[j.version.pk] = j.version.rule.get_duty_display().lower()
        for vid in sorted(ids):
            about = f": {duties[vid]}" if vid in duties else ""
            fields[JUDGMENT.name("rule_applies", vid)] = choice(
                f"Does it apply here{about}?", RuleJudgment.choices, radio=True
            )
            fields[JUDGMENT.name("rule_why", vid)] = forms.CharField(
                label=f"Why{about}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "grows"}),
            )
        return self.make_form(d, definition, step, fields, data, page=page)

    def fields(self, d, definition):
        fields: dict[str, forms.Field] = {}
        for p in definition.provisions:
            fields[self.matrix.name("applies", p.key)] = forms.BooleanField(
                label=f"{p.topic} ({p.citation})", required=False
            )
            # A box that wraps and grows (worksheet.css), so the whole note stays in view.
            fields[self.matrix.name("note", p.key)] = forms.CharField(
                label=f"How it bears on this case: {p.topic}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 1, "class": "grows"}),
            )
        fields["code_settles"] = choice(
            "Does the code settle the question?", YES_NO_UNSURE, radio=True
        )
        fields["jurisdiction_code"] = JurisdictionField(
            current=d.jurisdiction_code, label="Whose law applies", help_text=TELEHEALTH_SHORT
        )
        fields["legal_duties"] = text("Legal duties that apply", rows=3)
        # Before the picker existed this was the only place for the jurisdiction: old text
        # stays here, readable and editable.
        fields["jurisdiction"] = line(
            "Notes on jurisdiction",
            max_length=200,
            help_text="e.g. telehealth: where the client is, and whose law you checked.",
        )
        return fields

    def initial(self, d, definition):
        initial = {
            "code_settles": {True: "yes", False: "no"}.get(
                d.code_settles, "unsure" if d.legal_duties else ""
            ),
            "legal_duties": d.legal_duties,
            "jurisdiction": d.jurisdiction,
            "jurisdiction_code": d.jurisdiction_code,
        }
        for j in self._judged(d):
            if j.pinned:
                initial[JUDGMENT.name("rule_applies", j.version.pk)] = j.applies
                initial[JUDGMENT.name("rule_why", j.version.pk)] = j.why
        for n in d.provision_notes.all():
            initial[self.matrix.name("applies", n.provision_key)] = True
            initial[self.matrix.name("note", n.provision_key)] = n.note
        return initial

    def save(self, d, definition, data):
        changed, keep, drop = [], [], []
        for p in definition.provisions:
            applies = self.matrix.name("applies", p.key)
            if applies not in data:
                continue
            note = data.get(self.matrix.name("note", p.key), "")
            if data[applies] or note:
                keep.append(ProvisionNote(deliberation=d, provision_key=p.key, note=note))
            else:
                drop.append(p.key)
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
        for name in ("legal_duties", "jurisdiction", "jurisdiction_code"):
            if name in data:
                setattr(d, name, data[name])
                changed.append(name)
        judgments_save(d, {key[0]: cell for key, cell in JUDGMENT.cells(data).items()})
        return changed

    def missing(self, d, definition):
        missing = []
        if not d.provision_notes.all():
            missing.append("Choose the code provisions that apply.")
        if not d.legal_duties.strip() and not d.jurisdiction.strip():
            missing.append("Note the legal duties and the jurisdiction.")
        return missing

    def filled(self, d, definition):
        return len(d.provision_notes.all()) + filled_count(d.legal_duties, d.jurisdiction)

    def layout(self, d, definition, step, cells):
        # The provisions the framework links to this step come first, then the others; the
        # others fold away unless ticked (the template shows "shown" rows, folds the rest).
        order = {key: i for i, key in enumerate(step.provisions)}
        provisions = sorted(definition.provisions, key=lambda p: order.get(p.key, len(order)))
        rows = []
        for p in provisions:
            applies = cells[self.matrix.name("applies", p.key)]
            rows.append(
                {
                    "provision": p,
                    "applies": applies,
                    "note": cells[self.matrix.name("note", p.key)],
                    "shown": p.key in order or bool(applies.value()),
                }
            )
        law = CodesLawLayout(rows)
        law.law = []
        for j in self._judged(d):
            applies, why = (
                JUDGMENT.name(part, j.version.pk) for part in ("rule_applies", "rule_why")
            )
            # A page shown again after a refused POST has the judgment fields it sent; a rule
            # whose judgment was not sent shows what is stored, as text.
            has = j.pinned and applies in cells.fields
            law.law.append(
                {
                    "rule": j,
                    "applies": cells[applies] if has else None,
                    "why": cells[why] if has else None,
                }
            )
        return law

    def page_context(self, d, definition, step, **page):
        matrix = page["matrix"]
        law = getattr(matrix, "law", [])
        return {
            "provisions_folded": sum(1 for row in matrix if not row["shown"]),
            "law": law,
            "law_jurisdiction": law[0]["rule"].version.rule.jurisdiction if law else None,
            "profession_label": d.owner.get_profession_display() if d.owner.profession else "",
        }
