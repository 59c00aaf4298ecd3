"""The answer to a save: status, field messages, conflict and side panel, as htmx
out-of-band parts; and the one answer to a refused save. Shared by step and row saves."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from audit.services import audit_note
from cases.models import Deliberation
from cases.selectors import deliberation_for_worksheet, load_after_save
from cases.steps import HANDLERS
from cases.worksheet import attach_warnings, needs_context, panel, shows_panel, step_context
from ethicsdesk.not_saved import SaveRefused, htmx_refusal
from ethicsdesk.params import parse_id
from frameworks.typed import StepDef
from review.selectors import review_panel


def submitted(form: forms.Form, data) -> dict:
    """The valid fields that the request actually sent.

    A field missing from the request is left as stored, never blanked. Unticked checkboxes
    send nothing, so they count as sent when the request is a whole form of ours (it always
    carries ``revision``).
    """
    whole_form = "revision" in data
    result = {}
    for name, value in form.cleaned_data.items():
        if name in form.errors:
            continue
        widget = form.fields[name].widget
        checkbox = isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple)
        if form.add_prefix(name) in data or (checkbox and whole_form):
            result[name] = value
    return result


def revision_from(request: HttpRequest) -> int | None:
    """The revision a save is based on; ``overwrite_revision`` when the user chose to keep
    their text over a newer version they were shown."""
    for name in ("overwrite_revision", "revision"):
        value = parse_id(request.POST.get(name, ""), max_digits=12)
        if value is not None:
            return value
    return None


def _display(value) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def conflict_for(form: forms.Form, current: dict, *, fresh: Deliberation, form_id: str) -> dict:
    """What the user sent beside what is stored now, for each field where they differ."""
    fields = []
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.MultipleChoiceField):
            mine = form.data.getlist(key)
        else:
            mine = form.data.get(key, "")
        theirs = current.get(name, "")
        if _display(mine).strip() != _display(theirs).strip():
            fields.append(
                {"label": field.label, "mine": _display(mine), "theirs": _display(theirs)}
            )
    return {
        "form_id": form_id,
        "fields": fields,
        "revision": fresh.revision,
        "changed_at": fresh.updated_at,
    }


def respond_saved(
    request: HttpRequest,
    d: Deliberation,
    step: StepDef,
    form: forms.Form,
    *,
    conflict: dict | None = None,
    row=None,
) -> HttpResponse:
    """The htmx answer to a save that was stored, or that met a newer version (``conflict``:
    not stored, both texts shown side by side)."""
    with_panel = shows_panel(d, step)
    load_after_save(d, step, panel=with_panel)
    attach_warnings(form)
    definition = d.framework_version.spec
    saved = conflict is None
    if not saved:
        audit_note(request, changed=False)  # the audit records a view, not a change
    context = {
        "deliberation": d,
        "form": form,
        "step": step,
        "handler": HANDLERS[step.kind],
        "saved": saved,
        "partial": bool(form.errors),
        "saved_at": timezone.localtime(),
        "conflict": conflict,
        "panel": panel(d) if with_panel else None,
        "state": HANDLERS[step.kind].state(d, definition, step),
        **needs_context(d, step),
        "row": row,
    }
    response = render(request, "cases/step.html#autosave", context)
    if saved:
        response["X-Revision"] = str(d.revision)
    return response


def step_page_again(
    request: HttpRequest,
    *,
    pk: int,
    step: StepDef,
    data=None,
    bound_rows: dict | None = None,
    conflict: dict | None = None,
    save_error: str = "",
) -> HttpResponse:
    """The step page again after a plain POST that was not (wholly) stored: the step's form
    bound to ``data`` and the rows in ``bound_rows`` show exactly what was typed."""
    if conflict is not None or save_error:
        audit_note(request, changed=False)  # nothing was stored: a view, not a change
    full = deliberation_for_worksheet(pk=pk)
    form = None
    if data is not None:
        form = HANDLERS[step.kind].build_form(full, full.framework_version.spec, step, data=data)
        form.is_valid()
    # Editable even if it was signed meanwhile: disabled fields would show the stored text,
    # not what was typed (a save from there is refused again, with the reason).
    context = step_context(
        full, step, can_edit=True, form=form, bound_rows=bound_rows, conflict=conflict
    )
    context["review"] = review_panel(request.user, full, step)
    context["save_error"] = save_error
    return render(request, "cases/step.html", context)


def refused(request: HttpRequest, refusal: SaveRefused, *, again) -> HttpResponse:
    """The answer to a save that stored nothing, on every path: to htmx the status alone (the
    form keeps its text, the browser its copy: no ``X-Revision``); to a plain POST the page
    again, built by ``again(message)`` with everything typed and the reason."""
    audit_note(request, changed=False)  # nothing was stored: not a change
    if request.htmx:
        return htmx_refusal(refusal)
    return again(refusal.message)
