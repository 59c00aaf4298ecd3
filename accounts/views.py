"""Sign-in landing: each role starts on its own home."""

from __future__ import annotations

import time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from accounts.selectors import user_home_url


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect(user_home_url(user=request.user))


@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": extend the session now (the idle-timeout banner calls this)."""
    request.session["_touched"] = int(time.time())
    return HttpResponse(status=204)
