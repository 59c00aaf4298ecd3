"""Signing in through the clinic's OpenID Connect provider (a real one on 127.0.0.1)."""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from accounts.second_factor import demo_second_factor_ensure
from audit.models import Action, AuditEvent
from tests.accounts.sso_world import sign_in_through_provider
from tests.sso_provider import seed


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


def test_it_does_not_ask_for_the_code_of_a_local_authenticator(client, sso_provider, sam):
    demo_second_factor_ensure(user=sam)
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert int(client.session["_auth_user_id"]) == sam.pk


def test_it_exempts_the_person_from_the_clinics_second_factor_policy(client, sso_provider, sam):
    sam.role = Role.SUPERVISOR  # supervisors must always have a second factor
    sam.save()
    sign_in_through_provider(client, sso_provider, seed.SAM)
    response = client.get(reverse("review:queue"))
    assert response.status_code == 200


def test_it_e_mails_the_person_when_their_account_is_linked(client, sso_provider, sam):
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert [message.to for message in mail.outbox] == [[sam.email]]


def test_it_links_the_account_once(client, sso_provider, sam):
    sign_in_through_provider(client, sso_provider, seed.SAM)
    client.logout()
    sign_in_through_provider(client, sso_provider, seed.SAM)
    assert (SocialAccount.objects.count(), len(mail.outbox)) == (1, 1)
