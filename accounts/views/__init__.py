"""Sign-in, and the landing after it: each role starts on its own home."""

from __future__ import annotations

import time

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET

from accounts.forms import LoginForm
from accounts.reauth import RecheckedPasswordChangeForm
from accounts.selectors import user_home_url
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note, outside_request_transaction


@method_decorator(audited("user", post=Action.PASSWORD_CHANGE, confirmed=True), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = RecheckedPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: RecheckedPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_note(self.request, object_id=self.request.user.pk)
        return response


# A failed sign-in must stay counted (django-axes) and audited even if the response fails.
# A throttled attempt comes back as the form with its "wait" message (200, like a wrong
# password), so the page reads the same whatever the browser does with error statuses.
sign_in = not_clinical("signing in; audit/signals.py records every sign-in and failure")(
    outside_request_transaction(
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        )
    )
)
sign_out = not_clinical("signing out; audit/signals.py records it")(auth_views.LogoutView.as_view())
password_changed = not_clinical("a confirmation page")(auth_views.PasswordChangeDoneView.as_view())


@not_clinical("redirects to the role's home")
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect(user_home_url(user=request.user))


@not_clinical("extends the session")
@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": extend the session now (the idle-timeout banner calls this)."""
    request.session["_touched"] = int(time.time())
    return HttpResponse(status=204)
