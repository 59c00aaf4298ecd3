"""Codes and law: the code provisions that apply (each with a note), legal duties, jurisdiction."""

from __future__ import annotations

from django import forms

from cases.forms import choice, line, text
from cases.models import ProvisionNote
from cases.steps.base import MatrixNames, Step, filled_count

YES_NO_UNSURE = [("yes", "Yes, the code settles it"), ("no", "No"), ("unsure", "Not sure yet")]


class CodesLawStep(Step):
    kind = "codes_law"
    template = "cases/steps/codes_law.html"
    head_js = ("js/provision-filter.js",)
    state_needs = ("provision_notes",)
    matrix = MatrixNames({"applies": "applies", "note": "note"})
    needs = (matrix.prefix("applies"), "legal_duties", "jurisdiction")

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
        fields["legal_duties"] = text("Legal duties that apply", rows=3)
        fields["jurisdiction"] = line(
            "Jurisdiction",
            max_length=200,
            help_text="e.g. the state where you practise and where the client is.",
        )
        return fields

    def initial(self, d, definition):
        initial = {
            "code_settles": {True: "yes", False: "no"}.get(
                d.code_settles, "unsure" if d.legal_duties else ""
            ),
            "legal_duties": d.legal_duties,
            "jurisdiction": d.jurisdiction,
        }
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
        return rows

    def page_context(self, d, definition, step, **page):
        return {"provisions_folded": sum(1 for row in page["matrix"] if not row["shown"])}
