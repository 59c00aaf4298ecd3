"""The supervisor's review queue (built out in the review issue)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ethicsdesk import access


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_supervisor)
    return render(request, "cases/review_queue.html")
