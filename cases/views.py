from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def deliberation_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_clinician:
        raise PermissionDenied
    return render(request, "cases/list.html")


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.is_supervisor:
        raise PermissionDenied
    return render(request, "cases/review_queue.html")
