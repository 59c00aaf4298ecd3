"""The clinic admin's People screens: the list, one person, their role, switching them off
and on again."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.invitations import invitation_expires_at
from accounts.models import Role, User
from accounts.people_forms import (
    ConfirmForm,
    PeopleFilterForm,
    RoleForm,
    SecondFactorResetForm,
)
from accounts.selectors import (
    active_links_for,
    clinicians_needing_supervisor,
    invitations_open,
    people_list,
    people_second_factors,
)
from accounts.services import (
    PersonRefused,
    person_deactivate,
    person_reactivate,
    person_role_change,
    second_factor_reset,
)
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access
from library.services import library_reviewers

PAGE_SIZE = 50


@not_clinical("the clinic's people and invitations, no records; every change is audited")
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_people(request.user))
    clinic = request.user.clinic
    filters = PeopleFilterForm.from_query(request.GET)
    found = people_list(
        clinic=clinic,
        role=filters.cleaned_data.get("role", ""),
        status=filters.cleaned_data.get("status", ""),
        query=filters.cleaned_data.get("q", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    second_factors = people_second_factors(people=page.object_list)
    rows = [(person, second_factors.get(person.pk, "")) for person in page]
    kept = QueryDict(mutable=True)
    kept.update({name: value for name, value in filters.cleaned_data.items() if value})
    now = timezone.now()
    invitations = [
        (i, invitation_expires_at(i), invitation_expires_at(i) < now)
        for i in invitations_open(clinic=clinic)
    ]
    return render(
        request,
        "accounts/people.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "kept_filters": kept,
            "filtered": bool(kept),
            "invitations": invitations,
            "needing_supervisor": list(clinicians_needing_supervisor(clinic=clinic)),
            # Who reviews the case library is one of the clinic admin's calls about people.
            "library_reviewers": library_reviewers(clinic.pk),
        },
    )


def _person(request: HttpRequest, pk: int) -> User:
    access.require(access.can_manage_people(request.user))
    person = get_object_or_404(User, pk=pk)
    access.require_visible(access.person_visible(request.user, person))
    return person


def _person_page(
    request: HttpRequest,
    person: User,
    role_form: RoleForm | None = None,
    reset_form: SecondFactorResetForm | None = None,
):
    links = active_links_for(clinician=person).select_related("supervisor")
    return render(
        request,
        "accounts/person.html",
        {
            "person": person,
            "is_self": person.pk == request.user.pk,
            "role_form": role_form or RoleForm(initial={"role": person.role}),
            "supervisors": [link.supervisor for link in links],
            "supervisees": [
                link.clinician
                for link in person.supervisee_links.filter(ended_at__isnull=True).select_related(
                    "clinician"
                )
            ],
            "second_factor": people_second_factors(people=[person]).get(person.pk, ""),
            "reset_form": reset_form or SecondFactorResetForm(),
        },
        status=200,
    )


@not_clinical("one person's account details, no records; every change is audited")
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, _person(request, pk))


@audited("user", post=Action.ROLE_CHANGE, confirmed=True)
@require_POST
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        before = person.get_role_display()
        try:
            changed = person_role_change(
                person=person, role=form.cleaned_data["role"], by=request.user
            )
        except PersonRefused as exc:
            form.add_error(None, str(exc))
        else:
            if changed.role == person.role:
                messages.info(request, f"{person.display_name} is {before.lower()} already.")
            else:
                audit_note(
                    request,
                    object_id=person.pk,
                    subject=changed,
                    change=f"role: {before.lower()} → {changed.get_role_display().lower()}",
                )
                messages.success(
                    request,
                    f"{changed.display_name} is now {Role(changed.role).label.lower()} "
                    f"(was {before.lower()}).",
                )
            return redirect("person", pk=person.pk)
    return _person_page(request, person, role_form=form)


@audited("user", post=Action.DEACTIVATE, confirmed=True)
@require_POST
def person_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivating takes two presses: the first says what it means, the second does it."""
    person = _person(request, pk)
    if not person.is_active:
        messages.info(request, f"{person.display_name} is deactivated already.")
        return redirect("person", pk=person.pk)
    if not ConfirmForm(request.POST).is_valid():
        return render(
            request,
            "accounts/person_deactivate.html",
            {
                "person": person,
                "form": ConfirmForm(initial={"confirm": True}),
                "supervisees": person.supervisee_links.filter(ended_at__isnull=True).count(),
            },
        )
    try:
        person_deactivate(person=person, by=request.user)
    except PersonRefused as exc:
        messages.error(request, str(exc))
        return redirect("person", pk=person.pk)
    audit_note(request, object_id=person.pk, subject=person)
    messages.success(
        request,
        f"{person.display_name} is deactivated: they can no longer sign in, and any session "
        "they had open has ended. Their records and signatures stay.",
    )
    return redirect("person", pk=person.pk)


@audited("user", post=Action.REACTIVATE, confirmed=True)
@require_POST
def person_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if person.is_active:
        messages.info(request, f"{person.display_name} is active already.")
        return redirect("person", pk=person.pk)
    person_reactivate(person=person)
    audit_note(request, object_id=person.pk, subject=person)
    messages.success(
        request,
        f"{person.display_name} can sign in again. Supervision links that ended when they "
        "were deactivated stay ended: add them again under Supervision if they still apply.",
    )
    return redirect("person", pk=person.pk)


@audited("user", post=Action.MFA_RESET, confirmed=True, decision_field="reason")
@require_POST
def person_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """The clinic admin removes someone's second factor (a lost phone), saying why."""
    person = _person(request, pk)
    form = SecondFactorResetForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, reset_form=form)
    try:
        removed = second_factor_reset(person=person, by=request.user, reason=form.reason_label())
    except PersonRefused as exc:
        messages.error(request, str(exc))
        return redirect("person", pk=person.pk)
    if not removed:
        messages.info(request, f"{person.display_name} has no second factor to reset.")
        return redirect("person", pk=person.pk)
    audit_note(request, object_id=person.pk, subject=person)
    messages.success(
        request,
        f"{person.display_name}'s second factor is reset and any session they had open has "
        "ended. If their role or the clinic's settings require one, they set up a new one at "
        "their next sign-in.",
    )
    return redirect("person", pk=person.pk)
