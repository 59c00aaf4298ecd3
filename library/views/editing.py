"""Making an entry: offer a signed deliberation, edit the copy and resolve its flags, send it
for review, approve or send back, withdraw; the clinic admin's library reviewers."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from audit.declare import DELIBERATION, audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from cases.selectors import deliberation_get
from ethicsdesk import access
from library import flags as found
from library import selectors, services
from library.forms import EntryForm, FlagForm, ReviewerForm, ReviewForm, WithdrawForm
from library.models import FIELD_LABELS, EntryFlag, LibraryEntry
from library.services import LibraryRefused

ENTRY = "library_entry"


def _entry(request: HttpRequest, pk: int) -> LibraryEntry:
    item = selectors.entry_get(pk=pk)
    access.require_visible(item is not None and access.library_entry_visible(request.user, item))
    return item


def _edit_url(item: LibraryEntry, anchor: str = "") -> str:
    return reverse("library:edit", args=[item.pk]) + (f"#{anchor}" if anchor else "")


@audited(DELIBERATION, get=Action.VIEW, post=Action.LIBRARY_OFFER, confirmed=True)
@require_POST
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    d = deliberation_get(pk=pk)
    access.require_visible(d is not None and access.deliberation_visible(request.user, d))
    access.require(access.can_offer_to_library(request.user, d))
    item = services.entry_offer(deliberation=d, user=request.user)
    audit_note(request, change=f"library entry {item.pk}")
    messages.success(
        request,
        "A draft copy for the library is ready. Edit it until nothing identifies anyone, "
        "resolve every flag, then send it for review.",
    )
    return redirect("library:edit", pk=item.pk)


def _render_edit(
    request: HttpRequest,
    item: LibraryEntry,
    *,
    form: EntryForm | None = None,
    bound_flag: FlagForm | None = None,
    flag_id: int | None = None,
    review_form: ReviewForm | None = None,
    error: str = "",
) -> HttpResponse:
    """The copy, its flags and the review, with whichever form was sent back kept as typed."""
    flags = []
    for f in item.flags.all():
        kept_form = bound_flag if f.pk == flag_id else None
        flags.append(
            {
                "flag": f,
                "field_label": FIELD_LABELS.get(f.field, f.field),
                "kind_label": found.KIND_LABELS.get(f.kind, f.kind),
                "form": kept_form or FlagForm(prefix=f"flag-{f.pk}"),
            }
        )
    user = request.user
    return render(
        request,
        "library/edit.html",
        {
            "entry": item,
            "form": form or EntryForm(instance=item, definition=item.framework_version.spec),
            "flags": flags,
            "open_flags": [f for f in flags if not f["flag"].is_resolved],
            "can_edit": access.can_edit_library_entry(user, item),
            "can_submit": access.can_submit_library_entry(user, item),
            "can_review": access.can_review_library_entry(user, item),
            "review_form": review_form or ReviewForm(),
            "error": error,
        },
    )


@audited(ENTRY, get=Action.VIEW, post=Action.CHANGE, confirmed=True)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _entry(request, pk)
    access.require(not item.is_published or access.is_library_reviewer(request.user))
    if request.method == "GET":
        return _render_edit(request, item)
    access.require(access.can_edit_library_entry(request.user, item))
    form = EntryForm(request.POST, definition=item.framework_version.spec)
    if not form.is_valid():
        return _render_edit(request, item, form=form)  # what was typed comes back
    services.entry_save(entry=item, user=request.user, data=form.changes())
    audit_note(request)
    messages.success(request, "Saved. The copy was checked again for anything identifying.")
    return redirect(_edit_url(item, "flags"))


@audited(ENTRY, get=Action.VIEW, post=Action.CHANGE, confirmed=True)
@require_POST
def flag(request: HttpRequest, pk: int, flag: int) -> HttpResponse:
    item = _entry(request, pk)
    access.require(access.can_edit_library_entry(request.user, item))
    target = get_object_or_404(EntryFlag, pk=flag, entry=item)
    form = FlagForm(request.POST, prefix=f"flag-{target.pk}")
    if form.is_valid():
        try:
            services.flag_resolve(
                flag=target,
                user=request.user,
                resolution=form.cleaned_data["resolution"],
                reason=form.cleaned_data["reason"],
            )
        except LibraryRefused as exc:
            form.add_error(None, f"Not saved: {exc}")
        else:
            audit_note(request, change=f"flag {target.pk}: {target.resolution}")
            messages.success(request, "Flag resolved.")
            return redirect(_edit_url(item, "flags"))
    return _render_edit(request, item, bound_flag=form, flag_id=target.pk)


@audited(ENTRY, get=Action.VIEW, post=Action.SUBMIT, confirmed=True)
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _entry(request, pk)
    access.require(access.can_submit_library_entry(request.user, item))
    try:
        services.entry_submit(entry=item, user=request.user)
    except LibraryRefused as exc:
        return _render_edit(request, item, error=f"Not sent for review: {exc}")
    audit_note(request)
    messages.success(request, "Sent for review. A library reviewer approves it or sends it back.")
    return redirect("library:work")


@audited(ENTRY, get=Action.VIEW, post=Action.LIBRARY_PUBLISH, confirmed=True)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish: the clinic finds it in the library from now on."""
    item = _entry(request, pk)
    access.require(access.can_review_library_entry(request.user, item))
    try:
        services.entry_approve(entry=item, user=request.user)
    except LibraryRefused as exc:
        return _render_edit(request, item, error=f"Not published: {exc}")
    audit_note(request)
    messages.success(request, "Published: the clinic can now find it in the library.")
    return redirect("library:entry", pk=item.pk)


@audited(ENTRY, get=Action.VIEW, post=Action.REVIEW, confirmed=True)
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Back to its author as a draft, with the reviewer's note."""
    item = _entry(request, pk)
    access.require(access.can_review_library_entry(request.user, item))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_edit(request, item, review_form=form)  # the note stays as typed
    services.entry_send_back(entry=item, user=request.user, note=form.cleaned_data["note"])
    audit_note(request, change="sent back")
    messages.success(request, "Sent back to its author with your note.")
    return redirect("library:work")


@audited(ENTRY, get=Action.VIEW, post=Action.LIBRARY_WITHDRAW, confirmed=True)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _entry(request, pk)
    access.require(access.can_withdraw_library_entry(request.user, item))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.entry_withdraw(entry=item, user=request.user, reason=form.cleaned_data["reason"])
        audit_note(request)
        messages.success(request, "Withdrawn from the library. The reason is kept.")
        return redirect("library:search")
    return render(request, "library/withdraw.html", {"entry": item, "form": form})


@not_clinical("titles of the person's own offers and of entries awaiting their review")
@require_GET
def work(request: HttpRequest) -> HttpResponse:
    access.require(access.can_use_library(request.user))
    return render(request, "library/work.html", selectors.entries_at_work(user=request.user))


@audited("library_reviewers", post=Action.ADMIN, confirmed=True)
@require_http_methods(["GET", "POST"])
def reviewers(request: HttpRequest) -> HttpResponse:
    """Who reviews the clinic's library entries (they read drafts): the clinic admin's call."""
    access.require(access.can_manage_library_reviewers(request.user))
    admin = request.user
    form = ReviewerForm(request.POST or None, clinic_id=admin.clinic_id)
    if request.method == "POST":
        removed = request.POST.get("remove")
        if removed:
            person = get_object_or_404(User, pk=removed, clinic_id=admin.clinic_id)
            services.reviewer_remove(admin=admin, user=person)
            audit_note(request, grantee=person, change="library reviewer: removed")
            messages.success(request, f"{person.display_name} no longer reviews the library.")
            return redirect("library:reviewers")
        if form.is_valid():
            person = form.cleaned_data["person"]
            services.reviewer_add(admin=admin, user=person)
            audit_note(request, grantee=person, change="library reviewer: added")
            messages.success(request, f"{person.display_name} now reviews library entries.")
            return redirect("library:reviewers")
    return render(
        request,
        "library/reviewers.html",
        {"form": form, "reviewers": services.library_reviewers(admin.clinic_id)},
    )
