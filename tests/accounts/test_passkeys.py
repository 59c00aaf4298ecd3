"""Passkeys and security keys (django-allauth's mfa, WebAuthn): a person adds one from their
account after typing the password again, renames or removes it, and from then on signing in
accepts the key after the password. Set-up, use, refusal and removal are audited with the
kind ("type=webauthn")."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.accounts.signing_in import confirmed, password_sign_in, signed_in_a_while_ago
from tests.accounts.software_key import HOST, SoftwareKey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client() -> Client:
    return Client(HTTP_HOST=HOST)


def _add_key(person, key: SoftwareKey, name: str = "Blue key"):
    client = _client()
    password_sign_in(client, person)
    page = confirmed(client, reverse("mfa_add_webauthn"))
    credential = key.register(page.context["js_data"]["creation_options"])
    return client.post(
        reverse("mfa_add_webauthn"), {"name": name, "credential": json.dumps(credential)}
    )


def _key_step(client: Client, person):
    """Sign in with the password; returns the second step's page."""
    assert password_sign_in(client, person)["Location"] == reverse("mfa_authenticate")
    return client.get(reverse("mfa_authenticate"))


def _signed_in(person, key: SoftwareKey) -> Client:
    """A client signed in with the password and then the key."""
    client = _client()
    page = _key_step(client, person)
    answer = key.sign(page.context["js_data"]["request_options"])
    client.post(reverse("mfa_authenticate"), {"credential": json.dumps(answer)})
    return client


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def key():
    return SoftwareKey()


def test_it_asks_for_the_password_before_adding_a_key_later(person):
    client = _client()
    password_sign_in(client, person)
    signed_in_a_while_ago(client)  # right after sign-in it is not asked again
    response = client.get(reverse("mfa_add_webauthn"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_it_adds_a_key_with_recovery_codes(person, key):
    response = _add_key(person, key)
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert set(Authenticator.objects.filter(user=person).values_list("type", flat=True)) == {
        "webauthn",
        "recovery_codes",
    }


def test_it_tells_the_person_by_e_mail_when_a_key_is_added(key):
    person = UserFactory(email="kim@clinic.example")
    _add_key(person, key)
    (notice,) = mail.outbox
    assert (notice.to, notice.subject) == (
        ["kim@clinic.example"],
        "EthicsDesk: A passkey or security key was added to your account",
    )


def test_it_lists_the_keys_by_name(person, key):
    _add_key(person, key, name="Laptop fingerprint")
    page = _signed_in(person, key).get(reverse("mfa_list_webauthn")).content.decode()
    assert "Laptop fingerprint" in page
    assert 'aria-label="Remove Laptop fingerprint"' in page


def test_it_keeps_the_name_when_the_browser_answer_is_bad(person):
    client = _client()
    password_sign_in(client, person)
    confirmed(client, reverse("mfa_add_webauthn"))
    response = client.post(
        reverse("mfa_add_webauthn"), {"name": "Blue key", "credential": '{"id": "x"}'}
    )
    assert "nothing was added" in response.content.decode()
    assert response.context["form"]["name"].value() == "Blue key"


def test_it_audits_adding_a_key(person, key, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _add_key(person, key)
    details = AuditEvent.objects.filter(action=Action.MFA_ENROL, actor=person).values_list(
        "detail", flat=True
    )
    assert "type=webauthn" in details


def test_it_offers_the_key_after_the_password(person, key):
    _add_key(person, key)
    page = _key_step(_client(), person)
    assert page.context["has_keys"] is True
    assert 'id="mfa_webauthn_authenticate"' in page.content.decode()


def test_it_signs_in_with_password_and_key(person, key):
    _add_key(person, key)
    client = _client()
    page = _key_step(client, person)
    answer = key.sign(page.context["js_data"]["request_options"])
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(answer)})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    used = AuditEvent.objects.get(action=Action.MFA_USE)
    assert (used.actor, used.detail) == (person, "type=webauthn sign-in")


def test_it_refuses_a_key_not_on_the_account_and_audits_it(person, key):
    _add_key(person, key)
    client = _client()
    page = _key_step(client, person)
    answer = SoftwareKey().sign(page.context["js_data"]["request_options"])
    response = client.post(reverse("mfa_authenticate"), {"credential": json.dumps(answer)})
    assert "That key was not accepted" in response.content.decode()
    failed = AuditEvent.objects.get(action=Action.MFA_FAILED)
    assert (failed.actor, failed.detail) == (person, "type=webauthn sign-in")
    assert client.get(reverse("cases:list")).status_code == 302


def test_it_renames_a_key(person, key):
    _add_key(person, key)
    authenticator = Authenticator.objects.get(user=person, type="webauthn")
    client = _signed_in(person, key)
    url = reverse("mfa_edit_webauthn", kwargs={"pk": authenticator.pk})
    assert confirmed(client, url).status_code == 200
    client.post(url, {"name": "Old blue key"})
    authenticator.refresh_from_db()
    assert authenticator.data["name"] == "Old blue key"


def test_it_removes_a_key_and_audits_it(person, key, django_capture_on_commit_callbacks):
    _add_key(person, key)
    authenticator = Authenticator.objects.get(user=person, type="webauthn")
    client = _signed_in(person, key)
    url = reverse("mfa_remove_webauthn", kwargs={"pk": authenticator.pk})
    confirmed(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not Authenticator.objects.filter(user=person).exists()
    removed = AuditEvent.objects.filter(action=Action.MFA_REMOVE, actor=person)
    assert set(removed.values_list("detail", flat=True)) == {
        "type=webauthn",
        "type=recovery_codes",
    }


def test_it_refuses_another_persons_key(person, key):
    _add_key(person, key)
    authenticator = Authenticator.objects.get(user=person, type="webauthn")
    other = UserFactory(clinic=person.clinic)
    client = _client()
    password_sign_in(client, other)
    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        url = reverse(name, kwargs={"pk": authenticator.pk})
        assert confirmed(client, url).status_code == 404
        assert client.post(url, {"name": "Mine now"}).status_code == 404
    assert Authenticator.objects.get(pk=authenticator.pk).data["name"] == "Blue key"


def test_it_sends_the_signed_out_to_sign_in(key):
    response = _client().get(reverse("mfa_list_webauthn"))
    assert response["Location"].startswith(reverse("account_login"))
