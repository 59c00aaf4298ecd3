"""Someone who gets in only through their clinic's provider confirms at signing, co-signing
and addenda by a fresh round trip to it (``max_age=0``, ``prompt=login``): the ID token's
``auth_time`` must be recent, and the signature records verified_by="sso"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Clinic
from audit.models import Action, AuditEvent
from records.models import Addendum, Signature, Snapshot
from tests.accounts.sso_world import (
    at_provider,
    back_from_provider,
    northside_sign_on,
    sign_in_through_provider,
)
from tests.sso_provider import seed

pytestmark = pytest.mark.django_db


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


def _confirm_at_provider(client, provider, d):
    """Press "Confirm with …" on the signing page, sign in again at the provider, come back."""
    sign_url = reverse("records:sign", args=[d.pk])
    start = client.post(reverse("sso_confirm"), {"next": sign_url})
    back = back_from_provider(client, at_provider(start["Location"], provider, seed.SAM))
    return start, back


def _sign(client, d):
    return client.post(reverse("records:sign", args=[d.pk]), {"confirm": "on"})


def test_it_offers_the_provider_instead_of_the_password(sso_client, complete):
    page = sso_client.get(reverse("records:sign", args=[complete.pk])).content.decode()
    assert ("Confirm with Northside ID" in page, 'name="password"' in page) == (True, False)


def test_it_refuses_to_sign_without_a_fresh_confirmation(sso_client, complete):
    response = _sign(sso_client, complete)
    assert "Confirm it is you with Northside ID first" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_it_asks_the_provider_for_a_fresh_sign_in(sso_client, sso_provider, complete):
    start, _ = _confirm_at_provider(sso_client, sso_provider, complete)
    assert "max_age=0" in start["Location"] and "prompt=login" in start["Location"]


def test_it_comes_back_to_the_signing_page(sso_client, sso_provider, complete):
    _, back = _confirm_at_provider(sso_client, sso_provider, complete)
    assert back["Location"] == reverse("records:sign", args=[complete.pk])


def test_it_signs_after_the_round_trip_and_records_sso(sso_client, sso_provider, complete):
    _confirm_at_provider(sso_client, sso_provider, complete)
    _sign(sso_client, complete)
    assert Signature.objects.get().verified_by == "sso"


def test_it_audits_the_confirmation(sso_client, sso_provider, complete):
    _confirm_at_provider(sso_client, sso_provider, complete)
    event = AuditEvent.objects.filter(action=Action.REAUTH).latest("id")
    assert event.detail == f"sso provider={seed.CLINIC_SLUG}"


def test_it_uses_a_confirmation_once(sso_client, sso_provider, complete):
    _confirm_at_provider(sso_client, sso_provider, complete)
    _sign(sso_client, complete)
    sso_client.post(
        reverse("records:addendum", args=[complete.pk]),
        {"reason": "Late information", "text": "The partner was told."},
    )
    assert not Addendum.objects.exists()


def test_it_refuses_a_provider_sign_in_that_is_not_fresh(
    sso_client, sso_provider, complete, settings
):
    settings.SSO_CONFIRM_MAX_AGE_SECONDS = 0  # any sign-in at the provider is too old now
    _confirm_at_provider(sso_client, sso_provider, complete)
    _sign(sso_client, complete)
    assert not Snapshot.objects.exists()
    assert AuditEvent.objects.filter(action=Action.REAUTH_FAILED).exists()


def test_it_says_what_the_round_trip_does_before_it_starts(sso_client, complete):
    sign_url = reverse("records:sign", args=[complete.pk])
    response = sso_client.get(reverse("sso_confirm"), {"next": sign_url})
    assert "Sign in again with Northside ID" in response.content.decode()
    assert "form-action 'self' http://127.0.0.1:" in response["Content-Security-Policy"]
