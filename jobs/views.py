"""The supervisor's choice of a weekly digest e-mail (on their account pages)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.declare import not_clinical
from ethicsdesk import access
from jobs.digest import weekly_digest_set, weekly_digest_wanted
from jobs.forms import WeeklyDigestForm


@not_clinical("the user's own choice of a weekly e-mail of counts")
@require_http_methods(["GET", "POST"])
def digest_settings(request: HttpRequest) -> HttpResponse:
    access.require(request.user.is_supervisor)
    if request.method == "POST":
        form = WeeklyDigestForm(request.POST)
        if form.is_valid():
            wanted = form.cleaned_data["weekly_digest"]
            weekly_digest_set(user=request.user, wanted=wanted)
            messages.success(
                request,
                "Saved: you will get the weekly digest."
                if wanted
                else "Saved: you will not get the weekly digest.",
            )
            return redirect("digest_settings")
    else:
        form = WeeklyDigestForm(initial={"weekly_digest": weekly_digest_wanted(request.user)})
    return render(request, "jobs/digest_settings.html", {"form": form})
