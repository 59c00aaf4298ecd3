"""The one answer to every save of the worksheet (a step, a row added, saved or removed):
``respond`` turns a ``SaveResult`` into the htmx fragment (status, field messages, conflict
and side panel, as out-of-band parts), the page again with everything typed, or a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from audit.services import audit_note
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get, deliberation_load
from cases.services import SaveResult
from cases.steps import HANDLERS
from cases.templatetags.worksheet import field_messages, state_badge, step_needs
from cases.worksheet import (
    attach_warnings,
    needs_context,
    panel,
    shows_panel,
    step_context,
    step_url,
)
from ethicsdesk.not_saved import htmx_refusal
from ethicsdesk.params import parse_id
from frameworks.typed import StepDef
from review.selectors import review_panel


def submitted(form: forms.Form, data) -> dict:
    """The valid fields that the request actually sent (the form is validated here).

    A field missing from the request is left as stored, never blanked. Unticked checkboxes
    send nothing, so they count as sent when the request is a whole form of ours (it always
    carries ``revision``).
    """
    form.is_valid()
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


def _conflict(form: forms.Form, current: dict, *, fresh: Deliberation, form_id: str) -> dict:
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


def respond(
    request: HttpRequest,
    result: SaveResult,
    *,
    step: StepDef,
    form: forms.Form | None,
    again: Callable[..., HttpResponse],
    next_url: str,
    form_id: str = "step-form",
    message: str | None = None,
    fragment: Callable[[Deliberation], HttpResponse] | None = None,
) -> HttpResponse:
    """The answer to a save, on every path.

    Not stored (refused, or met a newer version): the audit records a view, not a change,
    and no ``X-Revision`` is sent (the browser keeps its copy of the text). Refused: to htmx
    the status alone (the form keeps its text); to a plain POST the page again, built by
    ``again(save_error=..., conflict=...)`` with everything typed and the reason. Conflict:
    both texts side by side. Stored: to htmx ``fragment(d)`` (by default the status, field
    messages, state and panel; ``form`` is the row's when a row was saved) with
    ``X-Revision``; to a plain POST the page again if a field was refused, else ``message``
    ("Saved at HH:MM." unless given; "" for none) and a redirect: to the urgent screen while
    it is owed, else to the step the person asked for (``go``), else to ``next_url``.
    """
    d = result.deliberation
    if not result.stored:
        audit_note(request, changed=False)
    if result.refusal is not None:
        if request.htmx:
            return htmx_refusal(result.refusal)
        return again(save_error=result.refusal.message)
    conflict = None
    if result.current is not None:
        conflict = _conflict(form, result.current, fresh=d, form_id=form_id)
    if request.htmx:
        if fragment is not None and conflict is None:
            response = fragment(d)
        else:
            response = autosave_fragment(request, d, step, form, conflict=conflict)
        if result.stored:
            response["X-Revision"] = str(d.revision)
        return response
    if conflict is not None or form.errors:
        return again(conflict=conflict)
    if message is None:
        message = f"Saved at {timezone.localtime():%H:%M}."
    if message:
        messages.success(request, message)
    if d.is_imminent and d.urgent_recorded_at is None:
        return redirect("cases:urgent", pk=d.pk)
    target = next((go for go in reversed(request.POST.getlist("go")) if go), "")
    if target and d.framework_version.spec.step(target):
        return redirect(step_url(d, target))
    return redirect(next_url)


# The oob boxes of an autosave answer when there is nothing in them (``cases/step.html``'s
# ``conflict`` partial, ``cases/_case_head.html``'s ``urgent-banner``), as those write them.
_NO_CONFLICT = '\n    <div id="conflict" hx-swap-oob="true">\n      \n    </div>\n    '
_NO_BANNER = '\n  <div id="urgent-banner" hx-swap-oob="true">\n  \n  </div>\n  '


def autosave_fragment(
    request: HttpRequest,
    d: Deliberation,
    step: StepDef,
    form: forms.Form,
    *,
    conflict: dict | None = None,
) -> HttpResponse:
    """The htmx answer to a save that was stored, or that met a newer version (``conflict``:
    not stored, both texts shown side by side).

    Written here, not by a template partial: the status, the field messages, the state and
    what the step still needs are every answer, and rendering them through the template
    engine was a third of an autosave's CPU. The boxes only some answers fill (a conflict,
    the side panel, the imminent-risk banner) render their partials of the page.
    tests/cases/test_autosave_answer.py compares the two."""
    deliberation_load(d, purpose=Purpose.ANSWER, step=step)
    attach_warnings(form)
    saved, partial = conflict is None, bool(form.errors)
    if conflict is not None:
        status = (
            "Not saved: this was changed in another window or device. Your text is kept; "
            "compare them above."
        )
    elif partial:
        status = f"Saved {timezone.localtime():%H:%M}, except the fields marked in red."
    else:
        status = f"Saved {timezone.localtime():%H:%M}"
    kind = " save-status--error" if not saved else (" save-status--warn" if partial else "")
    handler = HANDLERS[step.kind]
    oob = {"deliberation": d, "oob": True}
    conflict_box = _NO_CONFLICT
    if conflict is not None:
        conflict_box = render_to_string(
            "cases/step.html#conflict", oob | {"conflict": conflict}, request=request
        )
    side = ""
    if shows_panel(d, step):
        side = render_to_string("cases/step.html#panel", oob | {"panel": panel(d)})
    banner = ""
    if handler.urgent_banner:
        banner = _NO_BANNER
        if d.is_imminent:
            banner = render_to_string("cases/_case_head.html#urgent-banner", oob)
    needs = needs_context(d, step)
    html = (
        f'\n<p id="save-status" class="save-status{kind}" role="status" aria-live="polite" '
        f'hx-swap-oob="true" data-saved="{int(saved)}">{status}</p>\n'
        f"{field_messages(form)}\n{conflict_box}{side}{banner}\n"
        f"{state_badge(handler.state(d, d.framework_version.spec, step), step.key, oob=True)}\n"
        f"{step_needs(needs['signing_needs'], needs['step_missing'], oob=True)}\n"
    )
    return HttpResponse(html)


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
    full = deliberation_get(pk=pk, purpose=Purpose.WORKSHEET)
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


def again_for(
    request: HttpRequest, *, pk: int, step: StepDef, **typed
) -> Callable[..., HttpResponse]:
    """``again`` for ``respond``: the step page with what this request typed (``data`` for
    the step's form, ``bound_rows`` for rows)."""
    return partial(step_page_again, request, pk=pk, step=step, **typed)
