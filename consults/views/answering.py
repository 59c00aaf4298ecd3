"""The colleague's pages: "Asked of me", a request with its shared steps (read-only) and the
answer form, the signed answer and its later notes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.declare import DELIBERATION, audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from cases.selectors import Purpose, deliberation_load
from cases.worksheet import step_context
from consults import selectors, services
from consults.forms import AnswerForm, NoteForm
from consults.models import ConsultRequest
from ethicsdesk import access


def _visible(request: HttpRequest, pk: int, ask: int) -> ConsultRequest:
    consult = selectors.consult_request_get(pk=ask, deliberation_pk=pk)
    access.require_visible(
        consult is not None and access.consult_request_visible(request.user, consult)
    )
    return consult


def _asked(request: HttpRequest, pk: int, ask: int) -> ConsultRequest:
    """A request the user was asked in (the asker is refused: these are the colleague's)."""
    consult = _visible(request, pk, ask)
    access.require(access.is_asked(request.user, consult))
    return consult


def _options(consult: ConsultRequest) -> list[str]:
    """The deliberation's options, offered in the answer only when the Options step is shared
    (the colleague sees nothing of the worksheet beyond the steps shared)."""
    definition = consult.deliberation.framework_version.spec
    shared_kinds = {definition.step(k).kind for k in consult.step_keys if definition.step(k)}
    if "options" not in shared_kinds:
        return []
    return [o.label for o in consult.deliberation.options.all() if o.label.strip()]


def _page(request: HttpRequest, consult: ConsultRequest, **forms) -> HttpResponse:
    d = consult.deliberation
    answer = selectors.answer_of(consult, request.user)
    can_answer = access.can_answer(request.user, consult)
    definition = d.framework_version.spec
    steps = [definition.step(k) for k in consult.step_keys if definition.step(k) is not None]
    context = {
        "consult": consult,
        "deliberation": d,
        "answer": answer,
        "open": access.consult_request_open(consult),
        "steps": steps,
        "answer_form": None,
        "note_form": None,
    }
    if can_answer and answer is None:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(options=_options(consult))
    if can_answer and answer is not None:
        context["note_form"] = forms.get("note_form") or NoteForm()
    return render(request, "consults/asked.html", context)


@not_clinical("a list of titles and dates; opening any of them is audited")
@require_GET
def asked_of_me(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_clinician)
    items = selectors.asked_of(request.user)
    for item in items:
        item.open = access.consult_request_open(item.request)
    return render(request, "consults/asked_of_me.html", {"items": items})


@audited(DELIBERATION, get=Action.VIEW)
@require_GET
def asked(request: HttpRequest, pk: int, ask: int) -> HttpResponse:
    consult = _visible(request, pk, ask)
    if not access.is_asked(request.user, consult):
        # The owner who asked follows the request on their own page.
        return redirect(reverse("consults:requests", args=[pk]) + f"#request-{consult.pk}")
    return _page(request, consult)


@audited(DELIBERATION, get=Action.VIEW)
@require_GET
def asked_step(request: HttpRequest, pk: int, ask: int, key: str) -> HttpResponse:
    """One shared step, read-only, rendered as the worksheet renders it."""
    consult = _asked(request, pk, ask)
    d = consult.deliberation
    step = d.framework_version.spec.step(key)
    access.require_visible(step is not None)
    if not access.consult_request_open(consult):
        return render(request, "consults/ended.html", {"consult": consult}, status=403)
    access.require(access.can_read_asked_step(request.user, consult, step))
    # The colleague's page has no stepper: the worksheet's step states are not worked out
    # (in memory only; nothing is saved), so only this step's rows are loaded, and nothing
    # of the steps not shared (the private reflection least of all) is read.
    d.step_states = [""] * len(d.framework_version.spec.steps)
    d.states_revision = d.revision
    deliberation_load(d, purpose=Purpose.PAGE, step=step)
    context = step_context(d, step, can_edit=False)  # rows and fields disabled there
    definition = d.framework_version.spec
    context |= {
        "consult": consult,
        "shared": [definition.step(k) for k in consult.step_keys if definition.step(k)],
        "review": {},
        "panel": None,
    }
    return render(request, "consults/step.html", context)


@audited(DELIBERATION, get=Action.VIEW, post=Action.ANSWER, confirmed=True)
@require_POST
def answer(request: HttpRequest, pk: int, ask: int) -> HttpResponse:
    consult = _asked(request, pk, ask)
    if not access.can_answer(request.user, consult):
        return render(request, "consults/ended.html", {"consult": consult}, status=403)
    form = AnswerForm(request.POST, options=_options(consult))
    if form.is_valid():
        try:
            services.consult_answer(
                request=consult,
                author=request.user,
                advice=form.cleaned_data["advice"],
                preferred_option=form.cleaned_data.get("preferred_option") or "",
                why=form.cleaned_data.get("why") or "",
            )
        except services.ConsultRefused as exc:
            form.add_error(None, str(exc))
        else:
            audit_note(request, change=f"request={consult.pk}")
            messages.success(request, "Answer signed and sent. You can add a later note.")
            return redirect("consults:asked", pk=pk, ask=ask)
    return _page(request, consult, answer_form=form)


@audited(DELIBERATION, get=Action.VIEW, post=Action.ANSWER, confirmed=True)
@require_POST
def note(request: HttpRequest, pk: int, ask: int) -> HttpResponse:
    consult = _asked(request, pk, ask)
    if not access.can_answer(request.user, consult):
        return render(request, "consults/ended.html", {"consult": consult}, status=403)
    answer = selectors.answer_of(consult, request.user)
    access.require_visible(answer is not None)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.answer_note_add(
                answer=answer, author=request.user, text=form.cleaned_data["text"]
            )
        except services.ConsultRefused as exc:
            form.add_error(None, str(exc))
        else:
            audit_note(request, change=f"request={consult.pk} note")
            messages.success(request, "Note added to your answer.")
            return redirect("consults:asked", pk=pk, ask=ask)
    return _page(request, consult, note_form=form)
