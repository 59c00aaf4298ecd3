"""The clinic admin unlocks an account locked after repeated failed sign-ins."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access


def _clinic_usernames(user: User) -> list[str]:
    return list(User.objects.filter(clinic=user.clinic_id).values_list("username", flat=True))


@not_clinical("names of locked accounts, no records; unlocking is audited")
@require_GET
def lockout_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_supervision(request.user))
    attempts = AccessAttempt.objects.filter(
        username__in=_clinic_usernames(request.user),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
    ).order_by("-attempt_time")
    return render(request, "accounts/lockouts.html", {"attempts": attempts})


@audited("user", post=Action.LOCKOUT_RESET, confirmed=True)
@require_POST
def lockout_reset(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_supervision(request.user))
    username = request.POST.get("username", "")
    access.require_visible(username in _clinic_usernames(request.user))
    reset(username=username)
    unlocked = User.objects.get(clinic=request.user.clinic_id, username=username)
    audit_note(request, object_id=unlocked.pk, subject=unlocked)
    messages.success(request, f"{username} can sign in again.")
    return redirect("lockout_list")
