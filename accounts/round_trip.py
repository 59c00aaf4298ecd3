"""Fresh confirmation by a round trip: the signer leaves the signing page to prove it is them
elsewhere (their passkey on django-allauth's WebAuthn re-authentication page, here; their
clinic's single sign-on provider, accounts/sso_confirm.py) and comes back confirmed for one
action. This is the one mechanism for it: a new method registers, it adds no form field,
template or way back of its own.

The contract every method keeps:

- A method is a ``RoundTrip`` given to ``register()``: ``name`` is what the signature records
  as ``verified_by``; ``label`` finishes "Confirm with …" (``label_for(user)``, when given,
  says it for that person: their clinic's provider's name); ``offered(user, kinds)`` says
  whether to offer it to ``user`` (``kinds``: the types of their allauth authenticators,
  already fetched); ``start_url(request, return_url)`` is where to send the browser, and the
  method must bring it back to ``return_url`` with a GET; ``answered(request, since)`` is True
  only when the method confirmed *this* person, in *this* session, after ``since`` (a
  ``time.time()``), e.g. from allauth's authentication records or an OIDC ``auth_time``.
  The method's own pages do the proving (a library's code, never ours) and audit their tries.
- ``start()``: the signing form calls it when "Confirm with …" is pressed. Refused while
  re-confirmation is locked (accounts.reauth: passwords, codes and round trips share one
  lock). What was typed in the form's other fields is kept in the server-side session, so
  the page shows it again on the way back (an addendum's text is never lost).
- The way back (the ``confirm_return`` URL, accounts.reauth.round_trip_return): ``take()``
  the pending trip out of the session; if it is this person's, began at most ``SECONDS`` ago,
  ``answered()`` and re-confirmation is not locked, ``hold()`` a confirmation
  ``{"method", "at", "user"}`` for its purpose (audited REAUTH); otherwise REAUTH_FAILED.
  Back to the page the trip began on. ``noun`` names a wrong try in the lock's message. A
  method that refuses on its own pages audits that refusal itself (it counts towards the
  lock) and may ``abandon()`` the trip, straight back to the page it began on.
- ``consume()``: the signing POST takes the confirmation, exactly once (under a lock on the
  person's row, from a fresh read of the session, so two posts at once can't both use it),
  if it is this person's, for this purpose and at most ``SECONDS`` old. One use, one action.
- A purpose names one action on one object: "sign:<pk>", "cosign:<pk>", "addendum:<pk>".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

SECONDS = 300  # a trip must come back, and its confirmation be used, within five minutes
PENDING, KEPT, CONFIRMED = "round_trip_pending", "round_trip_kept", "round_trip_confirmed"


@dataclass(frozen=True)
class RoundTrip:
    name: str
    label: str
    noun: str  # what a wrong try is called when re-confirmation locks ("key")
    offered: Callable[[object, set[str]], bool]
    start_url: Callable[[HttpRequest, str], str]
    answered: Callable[[HttpRequest, float], bool]
    label_for: Callable[[object], str] | None = None


METHODS: dict[str, RoundTrip] = {}


def register(method: RoundTrip) -> None:
    METHODS[method.name] = method


def offered(user, kinds: set[str]) -> list[RoundTrip]:
    return [_for(method, user) for method in METHODS.values() if method.offered(user, kinds)]


def named(name: str, user) -> RoundTrip | None:
    """The registered method ``name``, labelled for ``user``."""
    method = METHODS.get(name)
    return _for(method, user) if method is not None else None


def _for(method: RoundTrip, user) -> RoundTrip:
    return replace(method, label=method.label_for(user)) if method.label_for else method


def start(
    request: HttpRequest, *, purpose: str, method: RoundTrip, keep: dict[str, str]
) -> HttpResponse:
    """Send the person on ``method``'s round trip for ``purpose``; back to this page after.
    The caller has checked the lock (accounts.reauth.SignerConfirmForm.round_trip_response)."""
    request.session[PENDING] = {
        "purpose": purpose,
        "method": method.name,
        "user": request.user.pk,
        "started": time.time(),
        "return_to": request.get_full_path(),
    }
    request.session[KEPT] = {**request.session.get(KEPT, {}), purpose: keep}
    return redirect(method.start_url(request, reverse("confirm_return")))


def kept(request: HttpRequest, purpose: str) -> dict[str, str]:
    """What was typed when the trip for ``purpose`` began (nothing secret), to show again."""
    return dict(request.session.get(KEPT, {}).get(purpose, {}))


def confirmation(request: HttpRequest, purpose: str) -> dict | None:
    """The unused confirmation this person holds for ``purpose``, if still fresh."""
    held = request.session.get(CONFIRMED, {}).get(purpose)
    return held if _fresh(held, request.user.pk) else None


def _fresh(held: dict | None, user_pk) -> bool:
    return (
        isinstance(held, dict)
        and held.get("user") == user_pk
        and 0 <= time.time() - held.get("at", 0) <= SECONDS
    )


def consume(request: HttpRequest, purpose: str) -> str | None:
    """Take the confirmation for ``purpose`` (exactly once); the method that gave it, or
    None when there is none, it has expired or it is someone else's."""
    user_pk = request.user.pk
    with transaction.atomic():
        # Two posts at once queue here; the second reads the session the first saved.
        list(get_user_model().objects.select_for_update().filter(pk=user_pk).values("pk"))
        stored = request.session.__class__(request.session.session_key).load()
        held = stored.get(CONFIRMED, {}).get(purpose)
        for key in (CONFIRMED, KEPT):
            remaining = {k: v for k, v in request.session.get(key, {}).items() if k != purpose}
            request.session[key] = remaining
        request.session.save()
    return held["method"] if _fresh(held, user_pk) else None


def take(request: HttpRequest) -> tuple[str, RoundTrip | None, str, bool]:
    """Take the pending trip out of the session: (the page to go back to, its method or
    None, its purpose, whether the method answered for this person in time)."""
    pending = request.session.pop(PENDING, None) or {}
    target = pending.get("return_to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    method = named(pending.get("method", ""), request.user)
    started = pending.get("started", 0)
    answered = (
        method is not None
        and pending.get("user") == request.user.pk
        and time.time() - started <= SECONDS
        and method.answered(request, started)
    )
    return target, method, pending.get("purpose", ""), answered


def hold(request: HttpRequest, *, purpose: str, method: RoundTrip) -> None:
    """The person is confirmed by ``method`` for ``purpose``, until used or SECONDS pass."""
    request.session[CONFIRMED] = {
        **request.session.get(CONFIRMED, {}),
        purpose: {"method": method.name, "at": time.time(), "user": request.user.pk},
    }


def is_pending(request: HttpRequest) -> bool:
    return bool(request.session.get(PENDING))


def return_to(request: HttpRequest) -> str:
    """The page the pending trip began on (to go back without confirming)."""
    return (request.session.get(PENDING) or {}).get("return_to", "/")


def abandon(request: HttpRequest) -> str:
    """Drop the pending trip (its method refused, and said so); the page it began on."""
    target = return_to(request)
    request.session.pop(PENDING, None)
    return target


# Passkeys and security keys: allauth's own WebAuthn re-authentication (its page, its script,
# its check of the key), which records {"method": "mfa", "type": "webauthn",
# "reauthenticated": True, "at": …} among the session's authentication records.
def _key_answered(request: HttpRequest, since: float) -> bool:
    return any(
        record.get("method") == "mfa"
        and record.get("type") == Authenticator.Type.WEBAUTHN
        and record.get("reauthenticated")
        and record.get("at", 0) >= since
        for record in get_authentication_records(request, request.user)
    )


def _key_start(request: HttpRequest, return_url: str) -> str:
    return f"{reverse('mfa_reauthenticate_webauthn')}?{urlencode({'next': return_url})}"


register(
    RoundTrip(
        name="webauthn",
        label="your passkey",
        noun="key",
        offered=lambda user, kinds: Authenticator.Type.WEBAUTHN in kinds,
        start_url=_key_start,
        answered=_key_answered,
    )
)
