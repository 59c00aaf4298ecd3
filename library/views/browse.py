"""Reading the library: search and browse, one entry, similar cases while writing a dilemma,
and "I consulted this"."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit.declare import DELIBERATION, audited
from audit.models import Action
from audit.services import audit_note
from cases.selectors import deliberation_get
from ethicsdesk import access
from library import selectors, services
from library.forms import SearchForm
from library.models import TEXT_FIELDS, LibraryEntry
from library.search import Filters, search_page

ENTRY = "library_entry"


def _published(request: HttpRequest, pk: int) -> LibraryEntry:
    entry = selectors.entry_get(pk=pk)
    access.require_visible(
        entry is not None
        and entry.is_published
        and access.library_entry_visible(request.user, entry)
    )
    return entry


@audited("library", get=Action.SEARCH)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    access.require(access.can_use_library(request.user))
    clinic_id = request.user.clinic_id
    frameworks = selectors.framework_choices(clinic_id=clinic_id)
    form = SearchForm(request.GET, frameworks=frameworks)
    filters, text = Filters(), ""
    if form.is_valid():
        text = form.cleaned_data["q"]
        filters = Filters(
            kind=form.cleaned_data["kind"],
            provision=form.cleaned_data["provision"],
            principle=form.cleaned_data["principle"],
            framework=form.cleaned_data["framework"],
        )
    page = search_page(
        clinic_id=clinic_id, text=text, filters=filters, number=request.GET.get("page")
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "library/search.html",
        {
            "form": form,
            "page": page,
            "text": text,
            "searched": bool(text) or filters.any,
            "kept": kept,
            "reviewer": access.is_library_reviewer(request.user),
        },
    )


@audited(ENTRY, get=Action.VIEW)
@require_GET
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    item = _published(request, pk)
    definition = item.framework_version.spec
    return render(
        request,
        "library/entry.html",
        {
            "entry": item,
            "sections": [
                (label, getattr(item, name)) for name, label in TEXT_FIELDS if name != "title"
            ],
            "tags": selectors.tag_names(item, definition),
            "can_withdraw": access.can_withdraw_library_entry(request.user, item),
        },
    )


def _writing(request: HttpRequest, pk: int):
    d = deliberation_get(pk=pk)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    access.require(access.can_edit_deliberation(request.user, d))
    access.require(access.can_use_library(request.user))
    return d


@audited(DELIBERATION, get=Action.SEARCH)
@require_GET
def similar(request: HttpRequest, pk: int) -> HttpResponse:
    """The published entries most like the dilemma being written: its text as typed (sent
    along by the panel) or as saved, its kinds and code provisions."""
    d = _writing(request, pk)
    text = " ".join(
        [
            request.GET.get("question", d.question),
            request.GET.get("title", d.title),
            request.GET.get("facts", "\n".join(d.facts)),
        ]
    )
    kinds = request.GET.getlist("kinds") or list(d.kinds)
    provisions = list(d.provision_notes.values_list("provision_key", flat=True))
    entries = selectors.entries_similar(
        clinic_id=d.clinic_id, text=text[:4000], kinds=kinds[:10], provisions=provisions
    )
    context = {"deliberation": d, "entries": entries}
    if request.htmx:
        return render(request, "library/_similar.html", context)
    return render(request, "library/similar.html", context)


@audited(DELIBERATION, get=Action.VIEW, post=Action.CHANGE, confirmed=True)
@require_POST
def consulted(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    d = _writing(request, pk)
    item = _published(request, entry)
    result = services.consultation_record(deliberation=d, entry=item, user=request.user)
    if result.stored:
        audit_note(request, change=f"consulted library entry {item.pk}")
        message = "Recorded on the consultation step."
    else:
        audit_note(request, changed=False)
        message = result.refusal.message if result.refusal else "Not recorded; try again."
    if request.htmx:
        return render(
            request,
            "library/_consulted.html",
            {"message": message, "stored": result.stored, "entry": item},
        )
    (messages.success if result.stored else messages.error)(request, message)
    return redirect("library:similar", pk=d.pk)
