"""The clinic admin's supervision screens: who supervises whom, adding and ending links."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import SupervisionEndForm, SupervisionLinkForm
from accounts.models import SupervisionLink
from accounts.selectors import supervision_links_active, supervision_links_ended
from accounts.services import supervision_link_end, supervision_link_start
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access


@not_clinical("who supervises whom; every change to it is audited")
@require_GET
def supervision_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_supervision(request.user))
    clinic = request.user.clinic
    return render(
        request,
        "accounts/supervision_list.html",
        {
            "active_links": list(supervision_links_active(clinic=clinic)),
            "ended_links": list(supervision_links_ended(clinic=clinic)),
        },
    )


@audited("supervision_link", post=Action.ADMIN, confirmed=True)
@require_http_methods(["GET", "POST"])
def supervision_add(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_supervision(request.user))
    form = SupervisionLinkForm(request.POST or None, clinic=request.user.clinic)
    if request.method == "POST" and form.is_valid():
        supervisor = form.cleaned_data["supervisor"]
        clinician = form.cleaned_data["clinician"]
        try:
            link = supervision_link_start(
                supervisor=supervisor, clinician=clinician, created_by=request.user
            )
        except ValidationError as exc:
            # The form checked first; this catches a link another admin added meanwhile.
            form.add_error(None, exc)
        else:
            audit_note(request, object_id=link.pk, grantee=supervisor, subject=clinician)
            messages.success(
                request, f"{supervisor.display_name} now supervises {clinician.display_name}."
            )
            return redirect("supervision_list")
    no_supervisors = not form.fields["supervisor"].queryset.exists()
    return render(
        request, "accounts/supervision_add.html", {"form": form, "no_supervisors": no_supervisors}
    )


@audited("supervision_link", post=Action.ADMIN, confirmed=True)
@require_POST
def supervision_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Ending takes two presses: the first shows what it means, the second ends the link."""
    access.require(access.can_manage_supervision(request.user))
    link = get_object_or_404(
        SupervisionLink.objects.select_related("supervisor", "clinician"), pk=pk
    )
    access.require_visible(access.supervision_link_visible(request.user, link))
    supervisor, clinician = link.supervisor.display_name, link.clinician.display_name
    if not link.is_active:
        messages.info(request, f"{supervisor} had already stopped supervising {clinician}.")
        return redirect("supervision_list")
    if not SupervisionEndForm(request.POST).is_valid():
        return render(
            request,
            "accounts/supervision_end.html",
            {"link": link, "form": SupervisionEndForm(initial={"confirm": True})},
        )
    supervision_link_end(link=link)
    audit_note(request, grantee=link.supervisor, subject=link.clinician)
    messages.success(
        request,
        f"{supervisor} no longer supervises {clinician} from now on; "
        "their earlier reviews stay in the record.",
    )
    return redirect("supervision_list")
