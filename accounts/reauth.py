"""Re-authentication: some actions ask for the password again (exports of the full report)."""

from __future__ import annotations

import time
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

SESSION_KEY = "reauth_at"


def recently_confirmed(request: HttpRequest) -> bool:
    confirmed = request.session.get(SESSION_KEY, 0)
    return time.time() - confirmed < settings.REAUTH_MINUTES * 60


def reauth_required(condition=lambda request, **kwargs: True):
    """Send the user to confirm their password first when ``condition`` holds."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if condition(request, **kwargs) and not recently_confirmed(request):
                return redirect(f"{reverse('reauth')}?next={request.get_full_path()}")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class ConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That is not your password.")
        return self.cleaned_data["password"]


@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    form = ConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = int(time.time())
        messages.success(request, "Thank you. Your download follows.")
        return redirect(target)
    return render(request, "registration/reauth.html", {"form": form, "next": target})
