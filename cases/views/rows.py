"""Rows of the stakeholders, options and consultation steps: add, save, remove in place."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from audit.declare import DELIBERATION, audited
from audit.models import Action
from cases import services
from cases.forms import ROW_CAPS, ROW_FORMS
from cases.models import Deliberation
from cases.selectors import deliberation_get
from cases.steps import HANDLERS
from cases.views.saving import (
    again_for,
    autosave_fragment,
    respond,
    revision_from,
    submitted,
)
from cases.worksheet import attach_warnings, mark_row_needs, step_url
from ethicsdesk import access
from ethicsdesk.params import parse_token
from ethicsdesk.ratelimit import autosave_limit
from frameworks.typed import StepDef


def _editable(request: HttpRequest, pk: int, key: str, kind: str) -> tuple[Deliberation, StepDef]:
    d = deliberation_get(pk=pk)
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
    access.require(access.can_change_entry(row))
    return row


def _form(kind: str, row, data=None):
    form_class = ROW_FORMS[kind][0]
    return form_class(data, instance=row, prefix=f"{kind}-{row.pk}")


def _anchor(d: Deliberation, key: str, kind: str, row) -> str:
    return f"{step_url(d, key)}#row-{kind}-{row.pk}"


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
def row_add(request: HttpRequest, pk: int, key: str, kind: str) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    result = services.row_add(
        deliberation=d, step=step, kind=kind, tab=parse_token(request.POST.get("tab"))
    )

    def new_row(saved: Deliberation) -> HttpResponse:
        form = _form(kind, result.row)
        attach_warnings(form)
        mark_row_needs(form, kind, result.row)
        context = _rows_context(saved, step, kind)
        extra = {"row": result.row, "row_form": form, "new_row": True}
        response = render(request, "cases/step.html#row", context | extra)
        response.content += _add_button_oob(request, context)
        return response

    return respond(
        request,
        result,
        step=step,
        form=_form(kind, result.row) if result.row else None,
        again=again_for(request, pk=pk, step=step),
        next_url=_anchor(d, key, kind, result.row) if result.row else "",
        message="",
        fragment=new_row,
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_POST
@autosave_limit
def row_save(request: HttpRequest, pk: int, key: str, kind: str, row: int) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    instance = _row(d, kind, row)
    form = _form(kind, instance, request.POST)
    result = services.row_save(
        deliberation=d,
        step=step,
        row=instance,
        data=submitted(form, request.POST),
        base_revision=revision_from(request),
        tab=parse_token(request.POST.get("tab")),
    )
    again = again_for(request, pk=pk, step=step, bound_rows={kind: {instance.pk: form}})
    next_url = _anchor(d, key, kind, instance)
    form_id = f"row-form-{kind}-{instance.pk}"
    return respond(
        request,
        result,
        step=step,
        form=form,
        again=again,
        next_url=next_url,
        form_id=form_id,
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_POST
def row_remove(request: HttpRequest, pk: int, key: str, kind: str, row: int) -> HttpResponse:
    d, step = _editable(request, pk, key, kind)
    instance = _row(d, kind, row)
    # The remove button sits in the row's form: a refused remove keeps what it carried.
    typed = _form(kind, instance, request.POST)
    result = services.row_remove(
        deliberation=d, step=step, row=instance, tab=parse_token(request.POST.get("tab"))
    )

    def removed(saved: Deliberation) -> HttpResponse:
        response = autosave_fragment(request, saved, step, _form(kind, instance))
        response.content += _add_button_oob(request, _rows_context(saved, step, kind))
        return response

    return respond(
        request,
        result,
        step=step,
        form=_form(kind, instance),
        again=again_for(request, pk=pk, step=step, bound_rows={kind: {instance.pk: typed}}),
        next_url=step_url(d, key),
        message=f"Removed the {ROW_FORMS[kind][2]}.",
        fragment=removed,
    )
