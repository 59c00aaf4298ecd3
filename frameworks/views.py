from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_clinic_admin:
        raise PermissionDenied
    return render(request, "frameworks/list.html")
