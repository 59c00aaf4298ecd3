"""Builds what a worksheet page shows: the stepper, the step's form and rows, the side panel."""

from __future__ import annotations

import uuid

from django import forms
from django.urls import reverse

from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import Deliberation
from cases.phi import identifier_warnings
from cases.scoring import EXPLANATION, score_options
from cases.steps import HANDLERS, RowsStep, readiness, signing_needs, step_missing
from frameworks.definition import provisions_for
from records.render import chart_note_html


def step_url(d: Deliberation, key: str) -> str:
    return reverse("cases:step", args=[d.pk, key])


def step_states(d: Deliberation) -> list[str]:
    """Each step's state: the stored ones while current, else computed from the loaded rows
    (the caller loaded everything; see ``cases.selectors.load_for_step``)."""
    if d.states_current:
        return list(d.step_states)
    definition = d.framework_version.definition
    return [HANDLERS[s["kind"]].state(d, definition, s) for s in definition["steps"]]


def attach_warnings(form: forms.Form) -> None:
    """Mark text fields that look like they hold a direct identifier (never blocks saving)."""
    for name, field in form.fields.items():
        bound = form[name]
        if not isinstance(field, forms.CharField):
            bound.warnings = None  # no warning box is rendered for it
            continue
        value = bound.data if form.is_bound else bound.initial
        if isinstance(value, list):
            value = "\n".join(value)
        bound.warnings = identifier_warnings(value or "")


def mark_needed(form: forms.Form, names: tuple[str, ...]) -> None:
    """Mark the fields signing needs (``cases.steps``: ``needs``); the field renderer shows
    them with the "needed before you can sign" asterisk instead of the form's own required."""
    prefixes = tuple(n for n in names if n.endswith("__"))
    for bound in form:
        bound.needed_to_sign = bound.name in names or bound.name.startswith(prefixes)


def mark_row_needs(form: forms.Form, kind: str, row) -> None:
    handler = next(h for h in HANDLERS.values() if isinstance(h, RowsStep) and h.row_kind == kind)
    mark_needed(form, handler.needed_fields(row))


def needs_context(d: Deliberation, step: dict) -> dict:
    """What the step page says about signing: the legend, and what the step still lacks."""
    definition = d.framework_version.definition
    return {
        "signing_needs": signing_needs(step),
        "step_missing": step_missing(d, definition, step),
    }


def row_forms(d: Deliberation, kind: str, bound: dict | None = None) -> list[tuple[object, object]]:
    form_class, related, _ = ROW_FORMS[kind]
    bound = bound or {}
    result = []
    for row in getattr(d, related).all():
        form = bound.get(row.pk) or form_class(instance=row, prefix=f"{kind}-{row.pk}")
        attach_warnings(form)
        mark_row_needs(form, kind, row)
        result.append((row, form))
    return result


def panel(d: Deliberation) -> dict:
    definition = d.framework_version.definition
    principles = definition["principles"]
    options = list(d.options.all())
    scores = score_options(
        options=options,
        stakeholders=list(d.stakeholders.all()),
        principle_keys=[p["key"] for p in principles],
    )
    best = max((s.expected_value for s in scores if s.estimates), default=None)
    return {
        "scores": scores,
        "principles": principles,
        "best": best,
        "explanation": EXPLANATION,
    }


def shows_panel(d: Deliberation, step: dict) -> bool:
    keys = [s["key"] for s in d.framework_version.definition["steps"]]
    kinds = [s["kind"] for s in d.framework_version.definition["steps"]]
    if "options" not in kinds or not HANDLERS[step["kind"]].shows_panel:
        return False
    return keys.index(step["key"]) >= kinds.index("options")


def matrix(d: Deliberation, form: forms.Form, step: dict) -> list[dict]:
    """Rows of the matrix steps, each with the bound fields of its cells."""
    definition = d.framework_version.definition
    if step["kind"] not in ("principles", "consequences", "codes_law", "character"):
        return []
    options = list(d.options.all())
    if step["kind"] == "principles":
        return [
            {
                "option": o,
                "cells": [
                    {
                        "principle": p,
                        "mark": form[f"mark__{o.pk}__{p['key']}"],
                        "why": form[f"why__{o.pk}__{p['key']}"],
                    }
                    for p in definition["principles"]
                ],
            }
            for o in options
        ]
    if step["kind"] == "consequences":
        return [
            {
                "option": o,
                "cells": [
                    {
                        "stakeholder": s,
                        "impact": form[f"impact__{o.pk}__{s.pk}"],
                        "likely": form[f"likely__{o.pk}__{s.pk}"],
                    }
                    for s in d.stakeholders.all()
                ],
            }
            for o in options
        ]
    if step["kind"] == "codes_law":
        # The provisions the framework links to this step come first, then the others; the
        # others fold away unless ticked (the template shows "shown" rows, folds the rest).
        linked = step.get("provisions", [])
        order = {key: i for i, key in enumerate(linked)}
        provisions = sorted(definition["provisions"], key=lambda p: order.get(p["key"], len(order)))
        rows = []
        for p in provisions:
            applies = form[f"applies__{p['key']}"]
            rows.append(
                {
                    "provision": p,
                    "applies": applies,
                    "note": form[f"note__{p['key']}"],
                    "shown": p["key"] in order or bool(applies.value()),
                }
            )
        return rows
    if step["kind"] == "character":
        return [
            {
                "option": o,
                "expressed": form[f"expressed__{o.pk}"],
                "strained": form[f"strained__{o.pk}"],
                "reflection": form[f"reflection__{o.pk}"],
            }
            for o in options
        ]
    return []


def step_context(
    d: Deliberation,
    step: dict,
    *,
    can_edit: bool,
    form: forms.Form | None = None,
    bound_rows: dict | None = None,
    conflict: dict | None = None,
) -> dict:
    """Everything the step page renders, computed from an already-loaded deliberation."""
    definition = d.framework_version.definition
    handler = HANDLERS[step["kind"]]
    row_kinds = handler.row_kinds(definition)
    steps = d.framework_version.steps
    states = step_states(d)
    index = next(i for i, s in enumerate(steps) if s["key"] == step["key"])
    form = form or handler.build_form(d, definition, step)
    attach_warnings(form)
    mark_needed(form, handler.needed_fields())
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    rows_of_matrix = matrix(d, form, step)
    stepper = [
        {**s, "state": state, "url": step_url(d, s["key"]), "current": i == index, "number": i + 1}
        for i, (s, state) in enumerate(zip(steps, states, strict=True))
    ]
    custom = [form[f"q__{q['key']}"] for q in step.get("questions", [])]
    in_matrix = ("q__", "applies__", "note__", "mark__", "why__", "impact__", "likely__")
    in_matrix += ("expressed__", "strained__", "reflection__")
    own_fields = [bf for bf in form if not bf.name.startswith(in_matrix)]
    context = {
        "deliberation": d,
        "definition": definition,
        "step": {**steps[index], "provision_list": provisions_for(definition, step)},
        "stepper": stepper,
        "state": states[index],
        "form": form,
        "own_fields": own_fields,
        "custom_fields": custom,
        "rows": {kind: row_forms(d, kind, (bound_rows or {}).get(kind)) for kind in row_kinds},
        "row_kind": row_kinds[0] if row_kinds else "",
        "matrix": rows_of_matrix,
        "provisions_folded": sum(1 for row in rows_of_matrix if not row.get("shown", True)),
        "needed": handler.needed_fields(),
        **needs_context(d, step),
        # The matrix steps need the whole width: the side panel goes below them.
        "wide_step": step["kind"] in ("principles", "consequences"),
        "previous": stepper[index - 1] if index > 0 else None,
        "next": stepper[index + 1] if index + 1 < len(stepper) else None,
        "can_edit": can_edit,
        "tab": uuid.uuid4().hex,
        "conflict": conflict,
        "panel": panel(d) if shows_panel(d, step) else None,
        "decided": d.chosen_option_id is not None,
        "step_number": index + 1,
        "has_form": can_edit
        and step["kind"] != "review_sign"
        and (step["kind"] != "follow_up" or d.chosen_option_id is not None),
        "singular": ROW_FORMS[row_kinds[0]][2] if row_kinds else "",
        "row_cap": ROW_CAPS[row_kinds[0]] if row_kinds else 0,
    }
    if row_kinds:
        context["row_count"] = len(context["rows"][row_kinds[0]])
    if step["kind"] == "review_sign":
        context["missing"] = [
            {"step": s, "message": m, "url": step_url(d, s["key"])}
            for s, m in readiness(d, definition)
        ]
        context["states"] = states
        context["chart_note"] = chart_note_html(d)
    return context
