"""The clinic admin's Jurisdiction rules screen: the rules of the clinic's jurisdiction (or
another one chosen), with their status, version and age, and the re-check warning."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.declare import not_clinical
from ethicsdesk import access
from jurisdictions.selectors import jurisdiction_choices, rules_with_versions


@not_clinical("the installation's legal reference data: no client content, nobody's access")
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_clinic_settings(request.user))
    known = dict(jurisdiction_choices())
    code = request.GET.get("jurisdiction", "") or request.user.clinic.jurisdiction
    code = code if code in known else ""
    rules = list(rules_with_versions(jurisdiction_code=code)) if code else []
    return render(
        request,
        "jurisdictions/rule_list.html",
        {
            "code": code,
            "name": known.get(code, ""),
            "clinic_code": request.user.clinic.jurisdiction,
            "known": known,
            "rules": rules,
        },
    )
