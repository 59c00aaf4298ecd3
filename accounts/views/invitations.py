"""Inviting people (one by one or from a CSV file), resending and revoking invitations, and
the page where an invited person chooses their password."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST

from accounts.invitations import (
    InvitationRefused,
    invitation_accept,
    invitation_account,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_send,
    invitation_valid,
)
from accounts.models import Invitation
from accounts.people_forms import AcceptForm, ImportForm, InvitationForm
from accounts.people_import import MAX_BYTES, people_import, people_import_check
from accounts.selectors import clinic_supervisors, user_home_url
from audit.declare import audited
from audit.models import Action
from audit.services import audit_note, audit_record
from ethicsdesk import access


def _password_backend() -> str:
    """The configured backend that signs people in with a password (Django's ModelBackend or
    a subclass, such as django-allauth's): the session names it, and loads the user through
    it, refusing them once deactivated. Axes' backend only guards authenticate()."""
    return next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if issubclass(import_string(path), ModelBackend)
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _sent_message(request: HttpRequest, invitation: Invitation, sent: bool, verb: str) -> None:
    if sent:
        messages.success(
            request,
            f"Invitation {verb} to {invitation.display_name} ({invitation.email}). "
            "The link works once, for 72 hours.",
        )
    else:
        messages.warning(
            request,
            f"The invitation of {invitation.display_name} is saved, but the e-mail to "
            f"{invitation.email} could not be sent. Try Resend in a moment.",
        )


@audited("invitation", post=Action.INVITE, confirmed=True)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_people(request.user))
    clinic = request.user.clinic
    form = InvitationForm(request.POST or None, clinic=clinic)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(
                clinic=clinic, invited_by=request.user, **form.cleaned_data
            )
        except InvitationRefused as exc:
            form.add_error("email", str(exc))
        else:
            sent = invitation_send(invitation=invitation, base_url=_base_url(request))
            audit_note(request, object_id=invitation.pk)
            _sent_message(request, invitation, sent, "sent")
            return redirect("people")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "no_supervisors": not clinic_supervisors(clinic=clinic).exists()},
    )


def _invitation(request: HttpRequest, pk: int) -> Invitation:
    access.require(access.can_manage_people(request.user))
    invitation = get_object_or_404(Invitation, pk=pk)
    access.require_visible(access.invitation_visible(request.user, invitation))
    return invitation


@audited("invitation", post=Action.INVITE_RESEND, confirmed=True)
@require_POST
def invitation_resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    try:
        sent = invitation_resend(invitation=invitation, base_url=_base_url(request))
    except InvitationRefused as exc:
        messages.info(request, str(exc))
    else:
        audit_note(request, object_id=invitation.pk)
        _sent_message(request, invitation, sent, "sent again")
    return redirect("people")


@audited("invitation", post=Action.INVITE_REVOKE, confirmed=True)
@require_POST
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(request, pk)
    was_open = invitation.is_open
    invitation = invitation_revoke(invitation=invitation)
    if was_open and invitation.revoked_at is not None:
        audit_note(request, object_id=invitation.pk)
        messages.success(
            request,
            f"The invitation of {invitation.display_name} is revoked; its link no longer works.",
        )
    else:
        messages.info(request, "This invitation had been accepted or revoked already.")
    return redirect("people")


@audited("invitation", post=Action.IMPORT, confirmed=True)
@require_http_methods(["GET", "POST"])
def people_import_view(request: HttpRequest) -> HttpResponse:
    access.require(access.can_manage_people(request.user))
    clinic = request.user.clinic
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        check = people_import_check(clinic=clinic, data=upload.read(MAX_BYTES + 1))
        problems = check.problems
        if check.ok:
            invitations = people_import(clinic=clinic, rows=check.rows, by=request.user)
            unsent = []
            for invitation in invitations:
                audit_record(
                    request=request,
                    action=Action.INVITE,
                    object_type="invitation",
                    object_id=invitation.pk,
                    detail=f"import invited={invitation.email}",
                )
                if not invitation_send(invitation=invitation, base_url=_base_url(request)):
                    unsent.append(invitation.email)
            audit_note(request, object_id=f"{len(invitations)} invited")
            messages.success(
                request, f"{len(invitations)} people invited; each has an e-mail with their link."
            )
            if unsent:
                messages.warning(
                    request, "These e-mails could not be sent; use Resend: " + ", ".join(unsent)
                )
            return redirect("people")
    return render(request, "accounts/people_import.html", {"form": form, "problems": problems})


@login_not_required
@audited("invitation", post=Action.INVITE_ACCEPT, confirmed=True)
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The invited person chooses a password; then they are signed in and start on their
    home. A used, revoked, replaced or expired link says so and asks for a new one."""
    invitation = Invitation.objects.select_related("clinic").filter(pk=pk).first()
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_in.html", status=200)
    if not invitation_valid(invitation=invitation, token=token):
        return render(request, "accounts/invitation_invalid.html", status=200)
    form = AcceptForm(invitation_account(invitation), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=invitation, token=token, password=form.cleaned_data["new_password1"]
            )
        except InvitationRefused as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend=_password_backend())
            # The password was chosen a moment ago: allauth need not ask for it again before the
            # second factor is set up (next, when the clinic requires one).
            record_authentication(request, user, method="password", reauthenticated=True)
            audit_note(request, object_id=invitation.pk)
            messages.success(request, f"Welcome to EthicsDesk, {user.first_name}.")
            return redirect(user_home_url(user=user))
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
