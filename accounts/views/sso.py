"""Single sign-on pages: the clinic admin's provider settings; "Sign in with your
organisation" (a work e-mail, or the clinic's own sign-in address) that starts the round trip
to the clinic's provider; and allauth's OpenID Connect views, declared for the audit."""

from __future__ import annotations

from functools import wraps

from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accounts import sso
from accounts.models import Clinic
from accounts.sso_forms import OrganisationEmailForm, SignOnForm
from audit.declare import audited, not_clinical
from audit.models import Action
from audit.services import audit_note
from ethicsdesk import access


def allow_forms_to(response: HttpResponse, origin: str) -> HttpResponse:
    """A page whose form starts a round trip to a provider: the browser follows the redirect
    to the provider's sign-in page only if the page's CSP lets its forms go there."""
    if origin:
        response._csp_update = {"form-action": [origin]}
    return response


@audited("clinic", post=Action.SETTINGS, confirmed=True)
@require_http_methods(["GET", "POST"])
def sso_settings(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_clinic_settings(request.user))
    clinic: Clinic = request.user.clinic
    sign_on = sso.sign_on_of(clinic=clinic)
    form = SignOnForm(
        request.POST or None,
        clinic=clinic,
        sign_on=sign_on,
        initial=SignOnForm.initial_for(sign_on),
    )
    if request.method == "POST" and form.is_valid():
        changed = sso.sign_on_save(clinic=clinic, values=form.values())
        if changed:
            # Names of what changed, never a value (so never the secret).
            audit_note(request, object_id=clinic.pk, change=f"changed: {', '.join(changed)}")
            messages.success(request, f"Saved: {', '.join(changed)}.")
        else:
            audit_note(request, changed=False)
            messages.info(request, "Nothing changed.")
        return redirect("sso_settings")
    sign_on = sign_on if sign_on is not None and sign_on.pk else None
    return render(
        request,
        "accounts/sso_settings.html",
        {
            "form": form,
            "clinic": clinic,
            "sign_on": sign_on,
            "callback_url": request.build_absolute_uri(
                reverse("openid_connect_callback", kwargs={"provider_id": clinic.slug})
            ),
            "sign_in_url": request.build_absolute_uri(
                reverse("sso_clinic", kwargs={"slug": clinic.slug})
            ),
        },
    )


@login_not_required
@not_clinical("asks for a work e-mail to find the clinic's provider; nothing is stored")
@require_http_methods(["GET", "POST"])
def sso_start(request: HttpRequest) -> HttpResponse:
    form = OrganisationEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("sso_clinic", slug=form.sign_on.clinic.slug)
    return render(request, "socialaccount/sso_start.html", {"form": form})


@login_not_required
@not_clinical("the clinic's sign-in address: a button to its provider")
@require_GET
def sso_clinic(request: HttpRequest, slug: str) -> HttpResponse:
    sign_on = sso.enabled_sign_on(slug=slug)
    if sign_on is None:
        raise Http404("No single sign-on here")
    response = render(
        request,
        "socialaccount/sso_clinic.html",
        {"sign_on": sign_on, "provider_id": sign_on.app.provider_id},
    )
    return allow_forms_to(response, sign_on.authorization_origin)


@login_not_required
@not_clinical("says a sign-in at the provider was cancelled")
@require_GET
def login_cancelled(request: HttpRequest) -> HttpResponse:
    return render(request, "socialaccount/login_cancelled.html")


def _declared(view, why: str):
    # allauth's views, wrapped (never changed in place) so the audit can read why.
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return view(request, *args, **kwargs)

    return not_clinical(why)(wrapper)


@login_not_required
@not_clinical("starts a sign-in at the clinic's provider (POST, allauth)")
@require_http_methods(["GET", "POST"])
def provider_login(request: HttpRequest, provider_id: str) -> HttpResponse:
    # A round trip starts from the clinic's sign-in page, whose CSP lets its form go to the
    # provider; a link here (GET) is sent to that page.
    if request.method == "GET":
        return redirect("sso_clinic", slug=provider_id)
    return oidc_views.login(request, provider_id)


provider_callback = _declared(
    oidc_views.callback,
    "the provider's answer; accounts/sso_adapter.py records each sign-in and refusal",
)
