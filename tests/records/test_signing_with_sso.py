"""Someone who gets in only through their clinic's provider confirms at signing, co-signing
and addenda by a round trip to it (accounts/round_trip.py, like a passkey): the provider is
asked for a fresh sign-in (``max_age=0``, ``prompt=login``), the ID token's ``auth_time`` must
be recent, what was typed comes back with the form, the confirmation serves one action once,
and the signature records verified_by="sso"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Clinic, User
from audit.models import Action, AuditEvent
from records.models import Addendum, Signature, Snapshot
from records.services import deliberation_sign
from review import services as review
from tests.accounts.sso_world import (
    at_provider,
    back_from_provider,
    northside_sign_on,
    sign_in_through_provider,
)
from tests.sso_provider import seed

pytestmark = pytest.mark.django_db

ADDENDUM = {"reason": "Late information", "text": "The partner was told on Friday, by phone."}


@pytest.fixture
def sso_client(client, author, sso_provider):
    """The demo clinician, at a clinic where the provider is the only way in, signed in
    through it (their e-mail is the one the provider has verified for Sam)."""
    Clinic.objects.filter(pk=author.clinic_id).update(slug=seed.CLINIC_SLUG)
    author.refresh_from_db()
    author.email = seed.SAM.email
    author.save()
    northside_sign_on(sso_provider, clinic=author.clinic, only_way_in=True)
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert int(client.session["_auth_user_id"]) == author.pk
    return client


@pytest.fixture
def signed(complete, author):
    deliberation_sign(deliberation=complete, user=author)
    return complete


def _sign_url(d) -> str:
    return reverse("records:sign", args=[d.pk])


def _confirm_at_provider(client, provider, url: str, data: dict):
    """Press "Confirm with Northside ID" on the form at ``url`` holding ``data``, press "Sign
    in again" on our page, sign in again at the provider and follow the way back; returns the
    provider's authorization redirect and where the way back ended."""
    out = client.post(url, {**data, "confirm_by": "sso"})
    start = client.post(out["Location"], {"next": reverse("confirm_return")})
    back = back_from_provider(client, at_provider(start["Location"], provider, seed.SAM))
    if back["Location"] == reverse("confirm_return"):
        back = client.get(back["Location"])
    return start, back["Location"]


def _sign(client, d):
    return client.post(_sign_url(d), {"confirm": "on"})


def test_it_offers_the_provider_instead_of_the_password(sso_client, complete):
    page = sso_client.get(_sign_url(complete)).content.decode()
    assert ("Confirm with Northside ID" in page, 'name="password"' in page) == (True, False)
    assert 'name="code"' not in page


def test_it_refuses_to_sign_without_a_fresh_confirmation(sso_client, complete):
    response = _sign(sso_client, complete)
    assert "Confirm it is you with Northside ID first" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_asks_the_provider_for_a_fresh_sign_in(sso_client, sso_provider, complete):
    start, _ = _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {})
    assert "max_age=0" in start["Location"] and "prompt=login" in start["Location"]


def test_it_comes_back_to_the_signing_page(sso_client, sso_provider, complete):
    _, back = _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {})
    assert back == _sign_url(complete)
    assert "Confirmed with Northside ID" in sso_client.get(back).content.decode()


def test_it_signs_after_the_round_trip_and_records_sso(sso_client, sso_provider, complete):
    _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {"confirm": "on"})
    _sign(sso_client, complete)
    assert Signature.objects.get().verified_by == "sso"


def test_it_audits_the_confirmation(sso_client, sso_provider, complete, author):
    _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {})
    event = AuditEvent.objects.filter(action=Action.REAUTH).latest("id")
    assert (event.actor, event.detail) == (author, "confirm_return type=sso round trip")


def test_it_keeps_the_tick_through_the_round_trip(sso_client, sso_provider, complete):
    _, back = _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {"confirm": "on"})
    assert sso_client.get(back).context["form"]["confirm"].value() is True


def test_it_keeps_the_addendum_text_through_the_round_trip(sso_client, sso_provider, signed):
    url = reverse("records:addendum", args=[signed.pk])
    _, back = _confirm_at_provider(sso_client, sso_provider, url, ADDENDUM)
    form = sso_client.get(back).context["form"]
    assert (form["reason"].value(), form["text"].value()) == (ADDENDUM["reason"], ADDENDUM["text"])
    sso_client.post(url, ADDENDUM)
    assert Addendum.objects.get().verified_by == "sso"


def test_it_uses_a_confirmation_once(sso_client, sso_provider, complete):
    _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {"confirm": "on"})
    _sign(sso_client, complete)
    sso_client.post(reverse("records:addendum", args=[complete.pk]), ADDENDUM)
    assert not Addendum.objects.exists()


def test_it_refuses_a_provider_sign_in_that_is_not_fresh(
    sso_client, sso_provider, complete, settings
):
    settings.SSO_CONFIRM_MAX_AGE_SECONDS = 0  # any sign-in at the provider is too old now
    _, back = _confirm_at_provider(sso_client, sso_provider, _sign_url(complete), {})
    assert back == _sign_url(complete)  # straight back, nothing held
    _sign(sso_client, complete)
    assert not Snapshot.objects.exists()
    failed = AuditEvent.objects.get(action=Action.REAUTH_FAILED)
    assert failed.detail.endswith("the provider's sign-in was not fresh")


def test_it_says_what_the_round_trip_does_before_it_starts(sso_client, complete):
    out = sso_client.post(_sign_url(complete), {"confirm": "on", "confirm_by": "sso"})
    response = sso_client.get(out["Location"])
    assert "Sign in again with Northside ID" in response.content.decode()
    assert "form-action 'self' http://127.0.0.1:" in response["Content-Security-Policy"]


def test_it_starts_nothing_without_a_signing_form_behind_it(sso_client):
    response = sso_client.post(reverse("sso_confirm"), {"next": reverse("confirm_return")})
    assert response.status_code == 302 and not response["Location"].startswith("http")


def test_it_co_signs_after_the_round_trip_and_records_sso(client, sso_provider, signed, author):
    """The supervisor, not the author, gets in only through the provider: their co-signature
    is confirmed by the same round trip and says so."""
    review.deliberation_submit(deliberation=signed, user=author, message="Please co-sign.")
    Clinic.objects.filter(pk=author.clinic_id).update(slug=seed.CLINIC_SLUG)
    supervisor = User.objects.get(username="supervisor")
    supervisor.email = seed.SAM.email
    supervisor.save()
    northside_sign_on(sso_provider, clinic=supervisor.clinic, only_way_in=True)
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert int(client.session["_auth_user_id"]) == supervisor.pk
    url = reverse("review:actions", args=[signed.pk])
    _, back = _confirm_at_provider(client, sso_provider, url, {"action": "cosign"})
    assert back == url
    client.post(url, {"action": "cosign"})
    assert Signature.objects.get(meaning="reviewed_cosigned").verified_by == "sso"
