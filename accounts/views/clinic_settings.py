"""The clinic admin's Clinic settings: the clinic's second-factor policy and jurisdiction."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Clinic, SecondFactorRule
from accounts.people_forms import ClinicJurisdictionForm, ClinicSettingsForm
from accounts.services import clinic_jurisdiction_set, clinic_settings_update
from accounts.sso import sign_on_of
from audit.declare import audited
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access


@audited("clinic", post=Action.SETTINGS, confirmed=True)
@require_http_methods(["GET", "POST"])
def clinic_settings(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_clinic_settings(request.user))
    clinic: Clinic = request.user.clinic
    form = ClinicSettingsForm(
        request.POST or None,
        initial={"clinician_second_factor": clinic.clinician_second_factor},
    )
    if request.method == "POST" and form.is_valid():
        rule = form.cleaned_data["clinician_second_factor"]
        if rule == clinic.clinician_second_factor:
            messages.info(request, "Nothing changed.")
        else:
            clinic_settings_update(clinic=clinic, clinician_second_factor=rule)
            audit_note(request, object_id=clinic.pk)
            messages.success(
                request,
                f"Saved: a second factor is now {SecondFactorRule(rule).label.lower()} for "
                "clinicians. It applies from each person's next sign-in.",
            )
        return redirect("clinic_settings")
    return render(
        request,
        "accounts/clinic_settings.html",
        {
            "form": form,
            "clinic": clinic,
            "sign_on": sign_on_of(clinic=clinic),
            "jurisdiction_form": ClinicJurisdictionForm(
                initial={"jurisdiction": clinic.jurisdiction}
            ),
        },
    )


@audited("clinic", post=Action.SETTINGS, confirmed=True)
@require_POST
def clinic_jurisdiction(request: HttpRequest) -> HttpResponse:
    """The clinic's default jurisdiction: whose law its new deliberations show."""
    access.require(access.can_manage_clinic_settings(request.user))
    clinic: Clinic = request.user.clinic
    form = ClinicJurisdictionForm(request.POST)
    if not form.is_valid():
        # Only a forged or outdated choice gets here: the page again, with the reason.
        return render(
            request,
            "accounts/clinic_settings.html",
            {
                "form": ClinicSettingsForm(
                    initial={"clinician_second_factor": clinic.clinician_second_factor}
                ),
                "clinic": clinic,
                "sign_on": sign_on_of(clinic=clinic),
                "jurisdiction_form": form,
            },
        )
    code = form.cleaned_data["jurisdiction"]
    if code == clinic.jurisdiction:
        messages.info(request, "Nothing changed.")
    else:
        clinic_jurisdiction_set(clinic=clinic, jurisdiction=code)
        audit_note(request, object_id=clinic.pk)
        messages.success(
            request,
            f"Saved: new deliberations start with the law of {code}."
            if code
            else "Saved: no default jurisdiction; clinicians choose one per deliberation.",
        )
    return redirect("clinic_settings")
