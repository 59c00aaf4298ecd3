"""Sign-in landing: each role starts on its own home."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from accounts.selectors import user_home_url


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect(user_home_url(user=request.user))
