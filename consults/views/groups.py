"""The clinic admin's consultation groups: an ethics committee, a peer consultation group."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from consults import selectors, services
from consults.forms import GroupForm
from consults.models import ConsultGroup
from ethicsdesk import access
from review.selectors import colleagues

GROUP = "consult_group"


def _people(user):
    """Whom a group may hold: the clinic's active clinicians and supervisors (the admin too
    if they are one: ``colleagues`` leaves out only the person asking)."""
    return colleagues(user)


def _group(request: HttpRequest, pk: int) -> ConsultGroup:
    access.require(access.can_manage_consult_groups(request.user))
    group = get_object_or_404(ConsultGroup, pk=pk)
    access.require_visible(access.consult_group_visible(request.user, group))
    return group


@not_clinical("group names and members; every change is audited")
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_consult_groups(request.user))
    return render(
        request,
        "consults/groups.html",
        {"groups": selectors.groups_of(request.user.clinic_id)},
    )


def _save(request: HttpRequest, group: ConsultGroup | None) -> HttpResponse:
    form = GroupForm(request.POST or None, instance=group, people=_people(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.group_save(
                clinic=request.user.clinic,
                name=data["name"],
                kind=data["kind"],
                members=data["members"],
                group=group,
            )
        except services.ConsultRefused as exc:
            form.add_error(None, str(exc))
        else:
            audit_note(request, object_id=saved.pk, change=f"group={saved.name}"[:100])
            messages.success(request, f"Saved the group “{saved.name}”.")
            return redirect("consults:groups")
    return render(request, "consults/group_form.html", {"form": form, "group": group})


@audited(GROUP, post=Action.ADMIN, confirmed=True)
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_consult_groups(request.user))
    return _save(request, None)


@audited(GROUP, post=Action.ADMIN, confirmed=True)
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _group(request, pk))


@audited(GROUP, post=Action.ADMIN)
@require_POST
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    name = group.name
    services.group_delete(group=group)
    audit_note(request, object_id=pk, change=f"deleted group={name}"[:100])
    messages.success(
        request, f"Deleted the group “{name}”. Requests made to it keep their answers."
    )
    return redirect("consults:groups")
