"""Builds what a worksheet page shows: the stepper, the step's form and rows, the side panel."""

from __future__ import annotations

import uuid

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import Deliberation
from cases.phi import identifier_warnings
from cases.scoring import EXPLANATION
from cases.selectors import option_scores
from cases.steps import HANDLERS, handler_for_rows, panel_shown, signing_needs, step_missing
from cases.steps.base import QUESTIONS
from ethicsdesk import page_fields
from frameworks.models import VersionStatus
from frameworks.typed import StepDef


def step_url(d: Deliberation, key: str) -> str:
    return reverse("cases:step", args=[d.pk, key])


# A slug no step key can be: keys are lower case (frameworks/definition.py, KEY_RE).
_KEY = "STEP-KEY"


def step_urls(d: Deliberation) -> dict[str, str]:
    """Every step's address, from one ``reverse`` (the stepper shows twelve: resolving the
    pattern again for each cost about 0.4 ms of a step page)."""
    pattern = step_url(d, _KEY)
    return {s.key: pattern.replace(_KEY, s.key) for s in d.framework_version.spec.steps}


# The guidance of a step of a published version, written once per process: published
# versions never change (database triggers; frameworks.selectors.pinned_version keeps them).
_guidance: dict[tuple[int, str], str] = {}


def step_guidance(d: Deliberation, step: StepDef) -> str:
    """The step's guidance, prompts and provisions as ``frameworks/_step_guidance.html``
    writes them (the same template as the framework preview), rendered once per published
    version and step rather than on every page."""
    version = d.framework_version
    key = (version.pk, step.key)
    html = _guidance.get(key)
    if html is None:
        html = render_to_string(
            "frameworks/_step_guidance.html", {"step": step, "definition": version.spec}
        )
        if version.status != VersionStatus.DRAFT:
            if len(_guidance) >= 1024:
                _guidance.clear()
            _guidance[key] = html
    return html


def step_states(d: Deliberation) -> list[str]:
    """Each step's state: the stored ones while current, else computed from the loaded rows
    (the caller loaded everything: ``cases.selectors.deliberation_load``, ``Purpose.PAGE``)."""
    if d.states_current:
        return list(d.step_states)
    definition = d.framework_version.spec
    return [HANDLERS[s.kind].state(d, definition, s) for s in definition.steps]


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
    mark_needed(form, handler_for_rows(kind).needed_fields(row))


def needs_context(d: Deliberation, step: StepDef) -> dict:
    """What the step page says about signing: the legend, and what the step still lacks."""
    definition = d.framework_version.spec
    return {
        "signing_needs": signing_needs(step),
        "step_missing": step_missing(d, definition, step),
    }


def row_forms(d: Deliberation, kind: str, bound: dict | None = None) -> list[tuple[object, object]]:
    form_class, related, _ = ROW_FORMS[kind]
    bound = bound or {}
    result = []
    for row in getattr(d, related).all():
        form = bound.get(row.pk) or page_fields.page_model_form(
            form_class, row, prefix=f"{kind}-{row.pk}"
        )
        attach_warnings(form)
        mark_row_needs(form, kind, row)
        result.append((row, form))
    return result


def panel(d: Deliberation) -> dict:
    """The side panel: each option's principle marks and expected value (one query)."""
    principles = d.framework_version.spec.principles
    scores = option_scores(deliberation=d, principle_keys=[p.key for p in principles])
    best = max((s.expected_value for s in scores if s.estimates), default=None)
    return {
        "scores": scores,
        "principles": principles,
        "best": best,
        "explanation": EXPLANATION,
    }


def shows_panel(d: Deliberation, step: StepDef) -> bool:
    return panel_shown(d.framework_version.spec, step)


def step_context(
    d: Deliberation,
    step: StepDef,
    *,
    can_edit: bool,
    form: forms.Form | None = None,
    bound_rows: dict | None = None,
    conflict: dict | None = None,
) -> dict:
    """Everything the step page renders, computed from an already-loaded deliberation."""
    definition = d.framework_version.spec
    handler = HANDLERS[step.kind]
    row_kinds = handler.row_kinds(definition)
    states = step_states(d)
    index = definition.index(step.key)
    cells = form  # a POST shown again: every cell is a bound field, with what was typed
    if form is None:
        form, cells = handler.page_form(d, definition, step, disabled=not can_edit)
    attach_warnings(form)
    mark_needed(form, handler.needed_fields())
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    urls = step_urls(d)
    stepper = [
        {
            "key": s.key,
            "title": s.title,
            "state": state,
            "url": urls[s.key],
            "current": i == index,
            "number": i + 1,
        }
        for i, (s, state) in enumerate(zip(definition.steps, states, strict=True))
    ]
    layout = handler.layout(d, definition, step, cells)
    context = {
        "deliberation": d,
        "definition": definition,
        "step": step,
        "handler": handler,
        "step_template": handler.body_template(d),
        "guidance": step_guidance(d, step),
        "stepper": stepper,
        "state": states[index],
        "form": form,
        "own_fields": [bf for bf in form if not handler.in_layout(bf.name)],
        "custom_fields": [form[QUESTIONS.name("q", q.key)] for q in step.questions],
        "rows": {kind: row_forms(d, kind, (bound_rows or {}).get(kind)) for kind in row_kinds},
        "row_kind": row_kinds[0] if row_kinds else "",
        "matrix": layout,
        "needed": handler.needed_fields(),
        **needs_context(d, step),
        "previous": stepper[index - 1] if index > 0 else None,
        "next": stepper[index + 1] if index + 1 < len(stepper) else None,
        "can_edit": can_edit,
        "tab": uuid.uuid4().hex,
        "conflict": conflict,
        "panel": panel(d) if shows_panel(d, step) else None,
        "decided": d.chosen_option_id is not None,
        "step_number": index + 1,
        "shows_form": handler.shows_form(d),
        "has_form": can_edit and handler.shows_form(d),
        "singular": ROW_FORMS[row_kinds[0]][2] if row_kinds else "",
        "row_cap": ROW_CAPS[row_kinds[0]] if row_kinds else 0,
    }
    if row_kinds:
        context["row_count"] = len(context["rows"][row_kinds[0]])
    if not can_edit:
        # A reader (a consultant, a supervisor, a signed record) sees the rows as they are,
        # never as boxes that look editable.
        for pairs in context["rows"].values():
            for _, row_form in pairs:
                for field in row_form.fields.values():
                    field.disabled = True
    context |= handler.page_context(
        d, definition, step, stepper=stepper, states=states, matrix=layout
    )
    return context
