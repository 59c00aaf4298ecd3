"""The steps made of rows: stakeholders, options and consultations."""

from __future__ import annotations

from cases.forms import text
from cases.steps.base import RowsStep, filled_count


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


class ConsultationStep(RowsStep):
    kind = "consultation"
    row_kind = "consultations"
    template = "cases/steps/consultation.html"
    state_needs = ("consultations",)
    review_needs = ("shares",)  # who it is shared with for consultation
    row_needs = ("consultant", "advice")
    rows_notice = (
        "Leave identifying details out of what you record here: use roles or pseudonyms, not names."
    )

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

    def save(self, d, definition, data):
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
        return len(self.items(d)) + filled_count(d.no_consultation_reason)

    def relations(self, purpose, definition):
        # A colleague's answer shows with its later notes on the page and in the record
        # (the answer itself is joined to its entry: cases.selectors._relations).
        names = super().relations(purpose, definition)
        return [*names, "consultations__received_answer__notes"] if purpose == "page" else names

    def page_context(self, d, definition, step, **page):
        # Advice a colleague sent through EthicsDesk is theirs, signed: its entries show
        # read-only (consults builds on cases, so it is asked here, not imported above).
        from consults.selectors import received_entries

        return {"received": received_entries(d)}
