"""Re-authentication: "check this user's password again", for every form that asks for it
(confirming before any view of the full report, the old password of a password change), and
at signing, co-signing and addenda a fresh second-factor code instead for people who have one,
or a fresh confirmation by a round trip (a passkey, the clinic's single sign-on provider; the
contract: accounts/round_trip.py).

Guessing is limited like sign-in: after REAUTH_FAILURE_LIMIT wrong tries (passwords, codes and
round trips count together: one lock) within REAUTH_LOCKOUT_MINUTES, re-confirmation is locked
for that user for REAUTH_LOCKOUT_MINUTES from the last failure; attempts while locked are
refused without checking anything.
Each success and failure is an audit event, and the audit trail is also the counter: it is
shared by every app process and can't be reset by anyone.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from urllib.parse import urlencode

from allauth.mfa.base.forms import ReauthenticateForm
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accounts import round_trip
from audit.declare import not_clinical
from audit.models import Action, AuditEvent
from audit.services import audit_note, audit_record

SESSION_KEY = "reauth_at"


def recheck_locked_until(*, user) -> datetime | None:
    """When re-confirmation unlocks for ``user``, or None when it is not locked."""
    limit = settings.REAUTH_FAILURE_LIMIT
    window = timedelta(minutes=settings.REAUTH_LOCKOUT_MINUTES)
    latest = list(
        AuditEvent.objects.filter(actor=user, action__in=[Action.REAUTH, Action.REAUTH_FAILED])
        .order_by("-at", "-id")
        .values_list("action", "at")[:limit]
    )
    if len(latest) < limit or any(action != Action.REAUTH_FAILED for action, _ in latest):
        return None
    newest, oldest = latest[0][1], latest[-1][1]
    until = newest + window
    if newest - oldest > window or timezone.now() >= until:
        return None
    return until


def password_recheck(*, request: HttpRequest | None, user, password: str, wrong: str) -> None:
    """Check ``user``'s password again; raise ValidationError (message ``wrong``) if it is not
    theirs, or if re-confirmation is locked. Audits the outcome."""
    _refuse_if_locked(request, user, what="password")
    if not user.check_password(password):
        _audit(request, user, Action.REAUTH_FAILED, "wrong password")
        raise ValidationError(wrong, code="wrong_password")
    _audit(request, user, Action.REAUTH, "")


def second_factor_recheck(*, request: HttpRequest | None, user, code: str, wrong: str) -> str:
    """Check a fresh code from ``user``'s second factor (an authenticator app's code or a
    recovery code, by allauth.mfa, which also refuses a code used before); raise
    ValidationError (``wrong``) if it is not right or re-confirmation is locked. Limited and
    audited like the password; returns the kind of authenticator that answered."""
    _refuse_if_locked(request, user, what="code")
    form = ReauthenticateForm({"code": code}, user=user)
    if not form.is_valid():
        _audit(request, user, Action.REAUTH_FAILED, "wrong code")
        raise ValidationError(wrong, code="wrong_code")
    form.save()  # allauth records the use (MFA_USE in the audit trail)
    _audit(request, user, Action.REAUTH, f"type={form.authenticator.type}")
    return form.authenticator.type


def _refuse_if_locked(request: HttpRequest | None, user, *, what: str) -> None:
    # Passwords and codes count together: one lock, whichever is being guessed.
    until = recheck_locked_until(user=user)
    if until is not None:
        _audit(request, user, Action.REFUSED, f"{what} confirmation locked")
        local = timezone.localtime(until)
        raise ValidationError(
            "Too many wrong %(what)ss: %(what)s confirmation is locked until %(time)s. "
            "Nothing was done; what you typed in the other fields is kept.",
            code="locked",
            params={"what": what, "time": local.strftime("%H:%M %Z")},
        )


def _audit(request: HttpRequest | None, user, action: str, detail: str) -> None:
    if request is not None and action != Action.REAUTH:
        audit_note(request, changed=False)  # the form's own action did not happen
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    audit_record(
        request=request,
        user=user,
        action=action,
        object_type="user",
        object_id=user.pk,
        detail=" ".join(part for part in (name, detail) if part),
    )


class PasswordConfirmForm(forms.Form):
    """A form that asks for the user's own password again. Every form that confirms a
    password is this one or extends it, saying only its own wrong-password message and help."""

    wrong_password_message = "That is not your password."
    password_help = ""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, request: HttpRequest | None = None, **kwargs) -> None:
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = self.password_help

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_recheck(
            request=self.request,
            user=self.user,
            password=password,
            wrong=self.wrong_password_message,
        )
        return password


class SignerConfirmForm(PasswordConfirmForm):
    """Confirms the signer as they sign: a fresh code when they have an authenticator app (its
    code or a recovery code), their password when they have no second factor, and a round
    trip (accounts.round_trip) to their passkey, or to their clinic's provider when they sign
    in only through it (accounts.sso_confirm). Passkey-only people have no password field,
    only a recovery code as the way round a lost key; provider-only people have neither.
    ``verified_by`` then says how: "password", allauth's kind ("totp", "recovery_codes") or
    the round trip's method ("webauthn", "sso").

    ``purpose`` ("sign:<pk>" …) turns round trips on: the form offers them
    (``round_trips``), ``round_trip_response()`` starts one when its button was pressed, and
    a confirmation held for the purpose replaces the password or code field and is used up
    by the first valid post."""

    wrong_code_message = "That code is not right."
    code_help = ""
    expired_message = (
        "Your confirmation was already used or has expired (it lasts five minutes). Nothing "
        "was signed; what you typed is kept: confirm again."
    )

    def __init__(
        self, *args, user, request: HttpRequest | None = None, purpose: str = "", **kwargs
    ) -> None:
        super().__init__(*args, user=user, request=request, **kwargs)
        self.verified_by = ""
        self.purpose = purpose if request is not None else ""
        kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        self.round_trips = round_trip.offered(user, kinds) if self.purpose else []
        held = round_trip.confirmation(request, self.purpose) if self.round_trips else None
        self.confirmed_with = round_trip.named(held["method"], user) if held else None
        self.trip_refused = ""
        self.has_app = Authenticator.Type.TOTP in kinds
        has_key = Authenticator.Type.WEBAUTHN in kinds
        if self.purpose and not self.is_bound:
            self.initial.update(round_trip.kept(request, self.purpose))
        if self.confirmed_with is not None or self.has_app or has_key or self.round_trips:
            del self.fields["password"]
        # Recovery codes come with an app or a key; someone confirming only through their
        # clinic's provider has neither, and no code field.
        if self.confirmed_with is None and (self.has_app or has_key):
            self.fields["code"] = self._code_field(app=self.has_app)

    def _code_field(self, *, app: bool) -> forms.CharField:
        # With a key and no app, the key is the way: a recovery code only if it is not at hand.
        return forms.CharField(
            label="Code from your authenticator app" if app else "Key not at hand? Recovery code",
            help_text=self.code_help if app else "One of the recovery codes you kept.",
            required=app,
            max_length=40,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}
            ),
        )

    def round_trip_response(self) -> HttpResponse | None:
        """The way out to a round trip when its button ("confirm_by") was pressed."""
        chosen = {trip.name: trip for trip in self.round_trips}.get(
            self.data.get("confirm_by", "") if self.is_bound else ""
        )
        if chosen is None:
            return None
        # As the widgets read them (a ticked box is True), nothing secret.
        keep = {name: self[name].data for name in self.fields if name not in ("password", "code")}
        try:
            _refuse_if_locked(self.request, self.user, what=chosen.noun)
        except ValidationError as exc:
            self.trip_refused = exc.messages[0]
            return None
        return round_trip.start(self.request, purpose=self.purpose, method=chosen, keep=keep)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.trip_refused:
            raise ValidationError(self.trip_refused, code="locked")
        if self.confirmed_with is not None and not self.errors:
            # Used up only by a post that is otherwise complete: a missing field keeps it.
            method = round_trip.consume(self.request, self.purpose)
            if method is None:
                raise ValidationError(self.expired_message, code="expired")
            self.verified_by = method
        elif not self.errors and not self.verified_by:
            # No password or code field to answer (single sign-on only): the round trip first.
            labels = " or ".join(trip.label for trip in self.round_trips) or "a second factor"
            raise ValidationError(
                f"Confirm it is you with {labels} first (the button below), then send this "
                "again. Nothing was signed; what you typed is kept.",
                code="confirm_first",
            )
        return cleaned

    def clean_password(self) -> str:
        password = super().clean_password()
        self.verified_by = "password"
        return password

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not code:  # a key and no app: neither the key nor a recovery code was used
            labels = " or ".join(trip.label for trip in self.round_trips)
            raise ValidationError(
                f"Confirm with {labels} first, or type a recovery code. Nothing was signed.",
                code="required",
            )
        self.verified_by = second_factor_recheck(
            request=self.request, user=self.user, code=code, wrong=self.wrong_code_message
        )
        return code


class RecheckedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, its old password checked (and limited) like the others."""

    def __init__(self, user, *args, request: HttpRequest | None = None, **kwargs) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        password_recheck(
            request=self.request,
            user=self.user,
            password=old_password,
            wrong=self.error_messages["password_incorrect"],
        )
        return old_password


def recently_confirmed(request: HttpRequest) -> bool:
    confirmed = request.session.get(SESSION_KEY, 0)
    return time.time() - confirmed < settings.REAUTH_MINUTES * 60


def ask_password(request: HttpRequest) -> HttpResponse:
    """Send the user to confirm their password, then back to this page."""
    return redirect(f"{reverse('reauth')}?{urlencode({'next': request.get_full_path()})}")


@not_clinical("asks for the password; each confirmation is recorded by password_recheck")
@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    form = PasswordConfirmForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = int(time.time())
        messages.success(request, "Thank you: your password is confirmed.")
        return redirect(target)
    return render(
        request,
        "registration/reauth.html",
        {"form": form, "next": target, "reauth_minutes": settings.REAUTH_MINUTES},
    )


@not_clinical("the way back from a confirmation by a round trip; each outcome is recorded")
@require_GET
def round_trip_return(request: HttpRequest) -> HttpResponse:
    """Back from a round trip (accounts.round_trip): hold the confirmation when the method
    answered and re-confirmation is not locked, and return to the signing page."""
    target, method, purpose, answered = round_trip.take(request)
    if method is None:  # nothing pending (a reload, a stale link): nothing to confirm
        return redirect(target)
    try:
        _refuse_if_locked(request, request.user, what=method.noun)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(target)
    if not answered:
        _audit(request, request.user, Action.REAUTH_FAILED, f"type={method.name} not confirmed")
        messages.error(
            request,
            f"That did not confirm it was you with {method.label}: nothing was signed. Try again.",
        )
        return redirect(target)
    round_trip.hold(request, purpose=purpose, method=method)
    _audit(request, request.user, Action.REAUTH, f"type={method.name} round trip")
    messages.success(request, f"Confirmed with {method.label}. Sign within five minutes.")
    return redirect(target)


def round_trip_refused(request: HttpRequest, *, method: str) -> None:
    """A wrong try on a round trip's own page (a key not on the account): counted by the
    shared lock like a wrong password or code."""
    _audit(request, request.user, Action.REAUTH_FAILED, f"type={method} refused")
