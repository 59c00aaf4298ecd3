"""Rows of the stakeholders, options and consultation steps: add, save, remove in place."""

from __future__ import annotations

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from audit.declare import DELIBERATION, audited
from audit.models import Action
from cases import services
from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import Deliberation
from cases.selectors import deliberation_for_save
from cases.steps import HANDLERS
from cases.views.saving import (
    conflict_for,
    refused,
    respond_saved,
    revision_from,
    step_page_again,
    submitted,
)
from cases.worksheet import attach_warnings, mark_row_needs, step_url
from ethicsdesk import access
from ethicsdesk.not_saved import SaveRefused
from ethicsdesk.params import parse_token
from ethicsdesk.ratelimit import autosave_limit
from frameworks.typed import StepDef


def _editable(request: HttpRequest, pk: int, key: str, kind: str) -> tuple[Deliberation, dict]:
    d = deliberation_for_save(pk=pk)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    step = d.framework_version.spec.step(key)
    definition = d.framework_version.spec
    access.require_visible(step is not None and kind in HANDLERS[step.kind].row_kinds(definition))
    access.require(access.can_edit_deliberation(request.user, d))
    return d, step


def _row(d: Deliberation, kind: str, row_id: int):
    _, related, _ = ROW_FORMS[kind]
    row = getattr(d, related).filter(pk=row_id).first()
    access.require_visible(row is not None)
    return row


def _form(kind: str, row, data=None):
    form_class = ROW_FORMS[kind][0]
    return form_class(data, instance=row, prefix=f"{kind}-{row.pk}")


def _again(request: HttpRequest, pk: int, step: StepDef, kind: str, form=None):
    """Build the step page again after a refused plain POST, with the row's typed text."""
    bound_rows = {kind: {form.instance.pk: form}} if form is not None else None

    def again(message: str = "", conflict: dict | None = None) -> HttpResponse:
        return step_page_again(
            request, pk=pk, step=step, bound_rows=bound_rows, conflict=conflict, save_error=message
        )

    return again


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_POST
def row_add(request: HttpRequest, pk: int, key: str, kind: str) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    try:
        row = services.row_add(
            deliberation=d, step=step, kind=kind, tab=parse_token(request.POST.get("tab"))
        )
    except SaveRefused as refusal:
        return refused(request, refusal, again=_again(request, pk, step, kind))
    if not request.htmx:
        return redirect(f"{step_url(d, key)}#row-{kind}-{row.pk}")
    form = _form(kind, row)
    attach_warnings(form)
    mark_row_needs(form, kind, row)
    context = _rows_context(d, step, kind)
    response = render(
        request, "cases/step.html#row", context | {"row": row, "row_form": form, "new_row": True}
    )
    response.content += _add_button_oob(request, context)
    response["X-Revision"] = str(d.revision)
    return response


def _rows_context(d: Deliberation, step: StepDef, kind: str) -> dict:
    _, related, singular = ROW_FORMS[kind]
    return {
        "deliberation": d,
        "step": step,
        "row_kind": kind,
        "can_edit": True,
        "singular": singular,
        "row_cap": ROW_CAPS[kind],
        "row_count": getattr(d, related).count(),
    }


def _add_button_oob(request: HttpRequest, context: dict) -> bytes:
    """The Add button again (greyed out at the cap, back after a remove), swapped out of band."""
    return render_to_string(
        "cases/steps/_rows.html#add", context | {"oob": True}, request=request
    ).encode()


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_POST
@autosave_limit
def row_save(request: HttpRequest, pk: int, key: str, kind: str, row: int) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    instance = _row(d, kind, row)
    form = _form(kind, instance, request.POST)
    form.is_valid()
    valid = submitted(form, request.POST)
    again = _again(request, pk, step, kind, form)
    try:
        d = services.row_save(
            deliberation=d,
            step=step,
            row=instance,
            data=valid,
            base_revision=revision_from(request),
            tab=parse_token(request.POST.get("tab")),
        )
    except services.StaleRevision:
        fresh = deliberation_for_save(pk=pk)
        instance.refresh_from_db()
        conflict = conflict_for(
            form, model_to_dict(instance), fresh=fresh, form_id=f"row-form-{kind}-{instance.pk}"
        )
        if request.htmx:
            return respond_saved(request, d, step, form, conflict=conflict, row=instance)
        return again(conflict=conflict)
    except SaveRefused as refusal:
        return refused(request, refusal, again=again)
    if request.htmx:
        return respond_saved(request, d, step, form, row=instance)
    if form.errors:
        return again()
    messages.success(request, "Saved.")
    return redirect(f"{step_url(d, key)}#row-{kind}-{instance.pk}")


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_POST
def row_remove(request: HttpRequest, pk: int, key: str, kind: str, row: int) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    instance = _row(d, kind, row)
    # The remove button sits in the row's form: a refused remove keeps what it carried.
    form = _form(kind, instance, request.POST)
    try:
        d = services.row_remove(
            deliberation=d, step=step, row=instance, tab=parse_token(request.POST.get("tab"))
        )
    except SaveRefused as refusal:
        return refused(request, refusal, again=_again(request, pk, step, kind, form))
    if not request.htmx:
        messages.success(request, f"Removed the {ROW_FORMS[kind][2]}.")
        return redirect(step_url(d, key))
    response = respond_saved(request, d, step, _form(kind, instance), row=None)
    response.content += _add_button_oob(request, _rows_context(d, step, kind))
    return response
