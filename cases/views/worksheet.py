"""The worksheet: one page per step, saved as the clinician types (htmx) or by plain POST."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases import services
from cases.forms.urgent import UrgentForm
from cases.models import Deliberation
from cases.selectors import (
    deliberation_for_save,
    deliberation_for_worksheet,
    deliberation_row,
    load_for_step,
    load_for_stepper,
    prefetch_for_form,
)
from cases.steps import HANDLERS
from cases.views.saving import (
    conflict_for,
    refused,
    respond_saved,
    revision_from,
    step_page_again,
    submitted,
)
from cases.worksheet import step_context, step_states, step_url
from ethicsdesk import access
from ethicsdesk.not_saved import SaveRefused
from ethicsdesk.params import parse_token
from ethicsdesk.ratelimit import autosave_limit
from frameworks.typed import StepDef
from review.selectors import review_panel


def _visible(request: HttpRequest, d: Deliberation | None) -> Deliberation:
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    return d


def _step(d: Deliberation, key: str) -> StepDef:
    step = d.framework_version.spec.step(key)
    access.require_visible(step is not None)
    return step


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_GET
def deliberation_open(request: HttpRequest, pk: int) -> HttpResponse:
    d = load_for_stepper(_visible(request, deliberation_row(pk=pk)))
    if (
        d.is_imminent
        and d.urgent_recorded_at is None
        and access.can_edit_deliberation(request.user, d)
    ):
        return redirect("cases:urgent", pk=d.pk)
    definition = d.framework_version.spec
    for step, state in zip(definition.steps, step_states(d), strict=True):
        if state != "complete":
            return redirect(step_url(d, step.key))
    return redirect(step_url(d, definition.steps[-1].key))


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_http_methods(["GET", "POST"])
@autosave_limit
def step_page(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    if request.method == "GET":
        # The owner in the same query: Review and sign shows the chart note, which names them.
        d = _visible(request, deliberation_row(pk=pk, related=("owner",)))
        step = _step(d, key)
        access.require(access.can_read_step(request.user, d, step))
        load_for_step(d, step)
        context = step_context(d, step, can_edit=access.can_edit_deliberation(request.user, d))
        context["review"] = review_panel(request.user, d, step)
        services.progress_update(deliberation=d, states=[s["state"] for s in context["stepper"]])
        return render(request, "cases/step.html", context)

    d = _visible(request, deliberation_for_save(pk=pk))
    step = _step(d, key)
    handler = HANDLERS[step.kind]
    access.require(access.can_edit_deliberation(request.user, d))
    prefetch_for_form(d, step)
    definition = d.framework_version.spec
    form = handler.build_form(d, definition, step, data=request.POST)
    form.is_valid()
    valid = submitted(form, request.POST)
    target = next((go for go in reversed(request.POST.getlist("go")) if go), "")
    if target and not definition.step(target):
        target = ""
    try:
        d = services.step_save(
            deliberation=d,
            step=step,
            data=valid,
            base_revision=revision_from(request),
            tab=parse_token(request.POST.get("tab")),
            reload=lambda: prefetch_for_form(deliberation_for_save(pk=pk), step),
        )
    except services.StaleRevision:
        fresh = prefetch_for_form(deliberation_for_worksheet(pk=pk), step)
        current = handler.build_form(fresh, fresh.framework_version.spec, step).initial
        conflict = conflict_for(form, current, fresh=fresh, form_id="step-form")
        if request.htmx:
            return respond_saved(request, d, step, form, conflict=conflict)
        return step_page_again(request, pk=pk, step=step, data=request.POST, conflict=conflict)
    except SaveRefused as refusal:
        return refused(
            request,
            refusal,
            again=lambda message: step_page_again(
                request, pk=pk, step=step, data=request.POST, save_error=message
            ),
        )

    if request.htmx:
        return respond_saved(request, d, step, form)
    if form.errors:
        return step_page_again(request, pk=pk, step=step, data=request.POST)
    messages.success(request, f"Saved at {timezone.localtime():%H:%M}.")
    if d.is_imminent and d.urgent_recorded_at is None:
        return redirect("cases:urgent", pk=d.pk)
    if target:
        return redirect(step_url(d, target))
    return redirect(step_url(d, step.key))


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_http_methods(["GET", "POST"])
def urgent_path(request: HttpRequest, pk: int) -> HttpResponse:
    d = _visible(request, deliberation_for_worksheet(pk=pk))
    can_edit = access.can_edit_deliberation(request.user, d)
    definition = d.framework_version.spec
    duties = [p for p in definition.provisions if p.safety_duty]
    form = UrgentForm(
        request.POST or None,
        duties=duties,
        initial=UrgentForm.initial_for(d),
    )
    save_error, status = "", 200
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            try:
                services.urgent_action_record(deliberation=d, **form.cleaned_data)
            except SaveRefused as refusal:
                # Plain HTML only: the screen again, with what was typed and the reason.
                audit_note(request, changed=False)
                save_error, status = refusal.message, refusal.status
            else:
                messages.success(
                    request,
                    "Urgent action recorded. Complete the full worksheet when the situation is "
                    "safe.",
                )
                return redirect(step_url(d, definition.steps[0].key))
    return render(
        request,
        "cases/urgent.html",
        {
            "deliberation": d,
            "form": form,
            "duties": duties,
            "can_edit": can_edit,
            "on_urgent_screen": True,
            "save_error": save_error,
        },
        status=status,
    )
