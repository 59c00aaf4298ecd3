"""Sign-in, sign-out, password change and reset (django-allauth's views, our templates and
rules), and the landing after sign-in: each role starts on its own home."""

from __future__ import annotations

import time

from allauth.account import views as allauth_views
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.selectors import user_home_url
from accounts.sessions import end_sessions
from accounts.sso import any_sign_on_enabled
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note, audit_record, outside_request_transaction


@method_decorator(audited("user", post=Action.PASSWORD_CHANGE, confirmed=True), name="dispatch")
class PasswordChangeView(allauth_views.PasswordChangeView):
    def get_form_kwargs(self) -> dict:
        # The current password is re-checked (and limited) by accounts/reauth.py, which
        # audits each try with the request.
        form_kwargs = super().get_form_kwargs()
        form_kwargs["request"] = self.request
        return form_kwargs

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        audit_note(self.request, object_id=self.request.user.pk)
        return response


class PasswordResetFromKeyView(allauth_views.PasswordResetFromKeyView):
    """The page the reset e-mail links to. A reset ends every session of the person: whoever
    had their password can't stay signed in with it."""

    def form_valid(self, form) -> HttpResponse:
        person = self.reset_user
        if self.request.user.is_authenticated:
            self.logout()  # this browser too, so it signs in again with the new password
        response = super().form_valid(form)
        audit_record(
            request=self.request,
            user=None,
            username=person.get_username(),
            clinic_id=person.clinic_id,
            action=Action.PASSWORD_RESET,
            object_type="user",
            object_id=person.pk,
        )
        end_sessions(user=person, reason="password reset", request=self.request)
        return response


# The reset pages say how long a link works.
_RESET = {"reset_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


# A failed sign-in must stay counted (django-axes) and audited even if the response fails.
# A throttled attempt comes back as the form with its "wait" message (200, like a wrong
# password), so the page reads the same whatever the browser does with error statuses.
class LoginView(allauth_views.LoginView):
    def get_context_data(self, **kwargs) -> dict:
        # "Sign in with your organisation" is offered once any clinic has single sign-on.
        return {**super().get_context_data(**kwargs), "sso_offered": any_sign_on_enabled()}


sign_in = not_clinical("signing in; audit/signals.py records every sign-in and failure")(
    outside_request_transaction(LoginView.as_view())
)
# Signed out by the time it answers: never_cache, as NoStoreMiddleware no longer sees a user.
sign_out = not_clinical("signing out; audit/signals.py records it")(
    never_cache(allauth_views.LogoutView.as_view())
)
password_change = PasswordChangeView.as_view()
password_reset = not_clinical("asks for a reset link; the form records the request")(
    allauth_views.PasswordResetView.as_view(extra_context=_RESET)
)
password_reset_done = not_clinical("a confirmation page")(
    allauth_views.PasswordResetDoneView.as_view(extra_context=_RESET)
)
password_reset_from_key = not_clinical("sets a new password; the view records the reset")(
    PasswordResetFromKeyView.as_view(extra_context=_RESET)
)
password_reset_from_key_done = not_clinical("a confirmation page")(
    allauth_views.PasswordResetFromKeyDoneView.as_view()
)


@not_clinical("a confirmation page")
@require_GET
def password_changed(request: HttpRequest) -> HttpResponse:
    return render(request, "account/password_change_done.html")


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
