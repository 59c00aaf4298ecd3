"""The worksheet: one page per step, saved as the clinician types (htmx) or by plain POST."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases import services
from cases.forms.law import JurisdictionForm
from cases.forms.urgent import UrgentForm
from cases.law import law_shown
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get, deliberation_load
from cases.steps import HANDLERS
from cases.views.saving import again_for, respond, revision_from, submitted
from cases.worksheet import step_context, step_states, step_url
from ethicsdesk import access
from ethicsdesk.params import parse_token
from ethicsdesk.ratelimit import autosave_limit
from frameworks.typed import StepDef
from jurisdictions.selectors import jurisdiction_choices
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
    d = _visible(request, deliberation_get(pk=pk))
    deliberation_load(d, purpose=Purpose.STATES)
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
def step(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """One address per step: the page (GET) and its save (POST)."""
    view = step_save if request.method == "POST" else step_page
    return view(request, pk, key)


def step_page(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    # The owner in the same query: Review and sign shows the chart note, which names them.
    d = _visible(request, deliberation_get(pk=pk, related=("owner",)))
    step = _step(d, key)
    access.require(access.can_read_step(request.user, d, step))
    deliberation_load(d, purpose=Purpose.PAGE, step=step)
    context = step_context(d, step, can_edit=access.can_edit_deliberation(request.user, d))
    context["review"] = review_panel(request.user, d, step)
    services.progress_update(deliberation=d, states=[s["state"] for s in context["stepper"]])
    return render(request, "cases/step.html", context)


@autosave_limit
def step_save(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    d = _visible(request, deliberation_get(pk=pk))
    step = _step(d, key)
    access.require(access.can_edit_deliberation(request.user, d))
    deliberation_load(d, purpose=Purpose.FORM, step=step)
    form = HANDLERS[step.kind].build_form(d, d.framework_version.spec, step, data=request.POST)
    result = services.step_save(
        deliberation=d,
        step=step,
        data=submitted(form, request.POST),
        base_revision=revision_from(request),
        tab=parse_token(request.POST.get("tab")),
    )
    again = again_for(request, pk=pk, step=step, data=request.POST)
    return respond(request, result, step=step, form=form, again=again, next_url=step_url(d, key))


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE)
@require_http_methods(["GET", "POST"])
def urgent_path(request: HttpRequest, pk: int) -> HttpResponse:
    d = _visible(request, deliberation_get(pk=pk, purpose=Purpose.WORKSHEET))
    can_edit = access.can_edit_deliberation(request.user, d)
    definition = d.framework_version.spec
    duties = [p for p in definition.provisions if p.safety_duty]
    # The owner's profession decides which rules name them; the versions shown are pinned.
    law = law_shown(d, profession=d.owner.profession, learned_at=d.urgent_learned_at, pin=can_edit)
    known = jurisdiction_choices()
    form = UrgentForm(
        request.POST or None,
        duties=duties,
        initial=UrgentForm.initial_for(d),
    )
    save_error, status = "", 200
    if request.method == "POST":
        access.require(can_edit)
        if form.is_valid():
            result = services.urgent_action_record(deliberation=d, **form.cleaned_data)
            if result.refusal is not None:
                # Plain HTML only: the screen again, with what was typed and the reason.
                audit_note(request, changed=False)
                save_error, status = result.refusal.message, result.refusal.status
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
            "law": law,
            "jurisdiction": dict(known).get(d.jurisdiction_code, d.jurisdiction_code),
            "jurisdiction_form": JurisdictionForm(
                initial={"jurisdiction": d.jurisdiction_code}, known=known
            ),
            "profession_label": d.owner.get_profession_display(),
        },
        status=status,
    )
