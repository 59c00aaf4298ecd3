"""Signing in through the clinic's OpenID Connect provider (a real one on 127.0.0.1)."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount

from audit.models import Action, AuditEvent
from tests.accounts.sso_world import northside_sign_on, sign_in_through_provider
from tests.factories import ClinicFactory, UserFactory
from tests.sso_provider import seed


@pytest.fixture
def northside(db, sso_provider):
    clinic = ClinicFactory(name="Northside", slug=seed.CLINIC_SLUG)
    northside_sign_on(sso_provider, clinic=clinic)
    return clinic


@pytest.fixture
def sam(northside):
    return UserFactory(clinic=northside, username="sam", email=seed.SAM.email)


def test_it_signs_in_an_existing_clinician_by_their_verified_email(client, sso_provider, sam):
    response = sign_in_through_provider(client, sso_provider, seed.SAM)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == sam.pk


def test_it_links_the_provider_identity_on_the_first_sign_in(client, sso_provider, sam):
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert SocialAccount.objects.filter(user=sam, provider=seed.CLINIC_SLUG).count() == 1


def test_it_audits_the_sign_in_as_single_sign_on(client, sso_provider, sam):
    sign_in_through_provider(client, sso_provider, seed.SAM)
    event = AuditEvent.objects.get(action=Action.SSO_LOGIN)
    assert (event.actor_id, event.detail) == (sam.pk, f"provider={seed.CLINIC_SLUG}")
