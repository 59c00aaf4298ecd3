"""My deliberations (the clinician's list) and New deliberation."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from audit.declare import DELIBERATION, audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from cases import services
from cases.forms.new import DeliberationFilterForm, DeliberationNewForm
from cases.phi import identifier_warnings
from cases.selectors import PAGE_SIZE, deliberation_list_for
from ethicsdesk import access
from frameworks.models import FrameworkVersion
from frameworks.selectors import clinic_default_framework, startable_versions
from jobs.followups import follow_ups_due_for


@not_clinical("a list of titles and references; opening any of them is audited")
@require_GET
def deliberation_list(request: HttpRequest) -> HttpResponse:
    # Supervisors keep their own caseload, so they are clinicians too.
    access.require(request.user.is_clinician)
    filters = DeliberationFilterForm.from_query(request.GET)
    deliberations = deliberation_list_for(
        user=request.user,
        status=filters.cleaned_data.get("status", ""),
        query=filters.cleaned_data.get("q", ""),
    )
    # get_page never raises: garbage is page 1, a page past the end is the last page.
    page = Paginator(deliberations, PAGE_SIZE).get_page(request.GET.get("page"))
    # Page links carry the cleaned filters only, never whatever else was in the address.
    kept = QueryDict(mutable=True)
    kept.update({name: value for name, value in filters.cleaned_data.items() if value})
    today = timezone.localdate()  # the clinic's (accounts.timezones activates its zone)
    return render(
        request,
        "cases/list.html",
        {
            "page": page,
            "filters": filters,
            "kept_filters": kept,
            "filtered": bool(kept),
            "can_start": access.can_start_deliberation(request.user),
            # Follow-ups due or overdue, at the top (jobs.followups; one query).
            "follow_ups_due": follow_ups_due_for(request.user, on=today),
            "today": today,
        },
    )


def _default_version(user: User, versions: list[FrameworkVersion]) -> FrameworkVersion | None:
    default = clinic_default_framework(clinic=user.clinic)
    if default is None:
        return None
    return next((v for v in versions if v.framework_id == default.pk), None)


@audited(DELIBERATION, post=Action.CHANGE, confirmed=True)
@require_http_methods(["GET", "POST"])
def deliberation_new(request: HttpRequest) -> HttpResponse:
    access.require(access.can_start_deliberation(request.user))
    versions = startable_versions(clinic=request.user.clinic)
    default = _default_version(request.user, versions)
    form = DeliberationNewForm(
        request.POST if request.method == "POST" else None, versions=versions, default=default
    )
    if form.is_valid():
        data = form.cleaned_data
        deliberation = services.deliberation_create(
            owner=request.user,
            title=data["title"],
            client_reference=data["client_reference"],
            framework_version=data["framework"],
            urgency=data["urgency"],
        )
        audit_note(request, object_id=deliberation.pk)
        # Non-blocking: the title is kept as typed, and the worksheet lets it be edited.
        for warning in identifier_warnings(deliberation.title):
            messages.warning(request, f"Title: {warning}")
        if deliberation.is_imminent:
            return redirect("cases:urgent", pk=deliberation.pk)
        return redirect("cases:detail", pk=deliberation.pk)
    guide = sorted(versions, key=lambda v: (v != default, v.framework.name))
    return render(
        request,
        "cases/new.html",
        {
            "form": form,
            "guide": guide,
            "default": default,
            "suggested": form.suggested_version(),
        },
    )
