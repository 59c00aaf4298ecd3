"""The Jurisdiction rules screen: the rules of the clinic's jurisdiction (or another one
chosen), with their status, version and age, and the re-check warning. Clinic admins read
it; the content editor also finds there the drafting, publishing and file actions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.declare import not_clinical
from ethicsdesk import access
from jurisdictions.selectors import jurisdiction_choices, rule_overviews


def clinic_code(request: HttpRequest) -> str:
    """The signed-in person's clinic's jurisdiction ("" for the operator, who has no clinic)."""
    clinic = request.user.clinic if request.user.clinic_id else None
    return clinic.jurisdiction if clinic else ""


@not_clinical("the installation's legal reference data: no client content, nobody's access")
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_read_rules(request.user))
    known = dict(jurisdiction_choices())
    code = request.GET.get("jurisdiction", "") or clinic_code(request)
    code = code if code in known else ""
    rules = rule_overviews(jurisdiction_code=code) if code else []
    return render(
        request,
        "jurisdictions/rule_list.html",
        {
            "code": code,
            "name": known.get(code, ""),
            "clinic_code": clinic_code(request),
            "known": known,
            "rules": rules,
            "can_edit": access.can_edit_rules(request.user),
            "can_manage_clinic": access.can_manage_clinic_settings(request.user),
        },
    )
