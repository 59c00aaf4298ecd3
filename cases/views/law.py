"""The law on a deliberation: choosing whose law applies, and ticking a discharge step of a
rule shown (each tick keeps its own time; saved as it is made, like the worksheet)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases import services
from cases.forms.law import JurisdictionForm, TickForm
from cases.law import Step, pinned_version
from cases.selectors import deliberation_get
from cases.views.worksheet import _visible
from ethicsdesk import access
from ethicsdesk.not_saved import Refusal, htmx_refusal


@audited(DELIBERATION, post=Action.CHANGE)
@require_POST
def law_jurisdiction(request: HttpRequest, pk: int) -> HttpResponse:
    d = _visible(request, deliberation_get(pk=pk))
    access.require(access.can_edit_deliberation(request.user, d))
    form = JurisdictionForm(request.POST)
    if not form.is_valid():
        audit_note(request, changed=False)
        messages.error(request, "Not saved: choose a jurisdiction from the list.")
    else:
        result = services.deliberation_jurisdiction_set(
            deliberation=d, code=form.cleaned_data["jurisdiction"]
        )
        if result.refusal is not None:
            audit_note(request, changed=False)
            messages.error(request, result.refusal.message)
        else:
            messages.success(request, "Saved: the law shown is now the one you chose.")
    return redirect("cases:urgent", pk=pk)


@audited(DELIBERATION, post=Action.CHANGE)
@require_POST
def law_tick(request: HttpRequest, pk: int, version: int, step: int) -> HttpResponse:
    d = _visible(request, deliberation_get(pk=pk))
    access.require(access.can_edit_deliberation(request.user, d))
    rule_version = pinned_version(d, version)
    if rule_version is None or step >= len(rule_version.discharge_steps):
        raise Http404("No such step of a rule shown on this deliberation.")
    form = TickForm(request.POST)
    if not form.is_valid():
        audit_note(request, changed=False)
        reason = " ".join(e for errors in form.errors.values() for e in errors)
        return _refused(request, pk, Refusal(reason.lower()))
    result = services.discharge_step_record(
        deliberation=d, rule_version=rule_version, step=step, done_at=form.moment
    )
    if result.refusal is not None:
        audit_note(request, changed=False)
        return _refused(request, pk, result.refusal)
    text = rule_version.discharge_steps[step]
    done = form.moment
    said = f"Saved {timezone.localtime().strftime('%H:%M')}: " + (
        f"“{text}” done at {timezone.localtime(done).strftime('%H:%M')}."
        if done
        else f"“{text}” not done."
    )
    if not request.htmx:
        messages.success(request, said)
        return redirect("cases:urgent", pk=pk)
    response = render(
        request,
        "cases/_law.html#tick",
        {
            "deliberation": d,
            "version_id": rule_version.pk,
            "item": Step(index=step, text=text, done_at=done),
            "can_edit": True,
            "said": said,
        },
    )
    response["X-Revision"] = str(result.deliberation.revision)
    return response


def _refused(request: HttpRequest, pk: int, refusal: Refusal) -> HttpResponse:
    if request.htmx:
        return htmx_refusal(refusal)
    messages.error(request, refusal.message)
    return redirect("cases:urgent", pk=pk)
