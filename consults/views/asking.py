"""The asking clinician's pages: ask colleagues, follow the requests and their answers, close a
request, record a group's conclusion."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases.models import Deliberation
from cases.selectors import deliberation_get
from consults import selectors, services
from consults.forms import AskForm, ConclusionForm
from consults.models import ConsultRequest
from ethicsdesk import access


def _deliberation(request: HttpRequest, pk: int, related: tuple[str, ...] = ()) -> Deliberation:
    d = deliberation_get(pk=pk, related=related)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    return d


def _own_request(request: HttpRequest, pk: int, ask: int) -> ConsultRequest:
    consult = selectors.consult_request_get(pk=ask, deliberation_pk=pk)
    access.require_visible(
        consult is not None and access.deliberation_visible(request.user, consult.deliberation)
    )
    access.require(access.can_manage_consult_request(request.user, consult))
    return consult


@audited(DELIBERATION, get=Action.VIEW, post=Action.ASK, confirmed=True)
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    d = _deliberation(request, pk, related=("clinic",))  # the clinic's date, below
    access.require(access.can_ask(request.user, d))
    steps = selectors.askable_steps(d.framework_version.spec)
    form = AskForm(
        request.POST or None,
        colleagues=selectors.colleagues_to_ask(request.user),
        groups=selectors.groups_of(d.clinic_id),
        steps=steps,
        initial=AskForm.initial_for(
            request.GET.get("step"),
            [s.key for s in steps],
            today=services.clinic_today(d.clinic),
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consult = services.consult_ask(
                deliberation=d,
                asked_by=request.user,
                question=data["question"],
                step_keys=data["steps"],
                answer_by=data["answer_by"],
                colleagues=data["colleagues"],
                group=data["group"],
            )
        except services.ConsultRefused as exc:
            form.add_error(None, str(exc))  # shown with everything typed, nothing stored
        else:
            audit_note(request, change=f"request={consult.pk}")
            asked = consult.recipients.count()
            messages.success(
                request,
                f"Asked {asked} colleague{'s' if asked != 1 else ''}. Their answers come back "
                "to your consultation step.",
            )
            return redirect(f"{_requests_url(d)}#request-{consult.pk}")
    return render(request, "consults/ask.html", {"deliberation": d, "form": form})


def _requests_url(d: Deliberation) -> str:
    return reverse("consults:requests", args=[d.pk])


@audited(DELIBERATION, get=Action.VIEW)
@require_GET
def requests(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's requests about a deliberation, with who was asked and every answer."""
    d = _deliberation(request, pk)
    access.require(access.can_manage_deliberation(request.user, d))
    items = selectors.requests_of(d)
    titles = {s.key: s.title for s in d.framework_version.spec.steps}
    for item in items:
        item.deliberation = d
        item.step_titles = [titles.get(k, k) for k in item.step_keys]
        item.open = access.consult_request_open(item)
        answered = {a.author_id for a in item.answers.all()}
        item.waiting = [
            r.colleague for r in item.recipients.all() if r.colleague_id not in answered
        ]
    return render(
        request,
        "consults/requests.html",
        {"deliberation": d, "items": items, "can_ask": access.can_ask(request.user, d)},
    )


@audited(DELIBERATION, get=Action.VIEW, post=Action.CLOSE)
@require_POST
def close(request: HttpRequest, pk: int, ask: int) -> HttpResponse:
    consult = _own_request(request, pk, ask)
    services.consult_close(request=consult)
    audit_note(request, change=f"request={consult.pk}")
    messages.success(
        request, "Request closed. The colleagues asked can no longer read the steps; answers stay."
    )
    return redirect(f"{_requests_url(consult.deliberation)}#request-{consult.pk}")


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE, confirmed=True)
@require_http_methods(["GET", "POST"])
def conclusion(request: HttpRequest, pk: int, ask: int) -> HttpResponse:
    consult = _own_request(request, pk, ask)
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conclusion_record(
                request=consult,
                user=request.user,
                kind=form.cleaned_data["kind"],
                why=form.cleaned_data["why"],
            )
        except services.ConsultRefused as exc:
            form.add_error(None, str(exc))
        else:
            audit_note(request, change=f"request={consult.pk} conclusion")
            messages.success(
                request, "The group's conclusion is recorded on your consultation step."
            )
            return redirect(f"{_requests_url(consult.deliberation)}#request-{consult.pk}")
    answers = list(consult.answers.all())
    return render(
        request,
        "consults/conclusion.html",
        {
            "deliberation": consult.deliberation,
            "consult": consult,
            "answers": answers,
            "form": form,
        },
    )
