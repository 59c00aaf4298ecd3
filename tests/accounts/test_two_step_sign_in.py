"""Two-step sign-in (django-allauth's mfa): a person sets up an authenticator app (TOTP) from
their account, gets recovery codes, and from then on signing in asks for a code after the
password. Every set-up, use, failure and removal is audited."""

from __future__ import annotations

import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.accounts.signing_in import confirmed, password_sign_in, signed_in_a_while_ago
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _enrol(person) -> tuple[str, list[str]]:
    """Set up the app as the person would; returns the secret and the recovery codes."""
    client = Client()
    password_sign_in(client, person)
    page = confirmed(client, reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    done = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    codes = client.get(done["Location"]).context["unused_codes"]
    return secret, codes


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def later(monkeypatch):
    """The next 30-second window, so a code is not the one just used (allauth refuses reuse)."""
    now = time.time() + 30
    monkeypatch.setattr(time, "time", lambda: now)
    return now


def test_it_sets_up_an_authenticator_app_with_recovery_codes(person):
    _, codes = _enrol(person)
    assert set(Authenticator.objects.filter(user=person).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    assert len(codes) == 10


def test_it_refuses_a_wrong_code_at_set_up_and_keeps_it_off(person):
    client = Client()
    password_sign_in(client, person)
    confirmed(client, reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=person).exists()


def test_it_asks_for_the_code_after_the_password(client, person):
    _enrol(person)
    signed_in_before = AuditEvent.objects.filter(action=Action.LOGIN).count()
    response = password_sign_in(client, person)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("cases:list"))["Location"].startswith(reverse("account_login"))
    assert AuditEvent.objects.filter(action=Action.LOGIN).count() == signed_in_before


def test_it_signs_in_with_password_and_code(client, person, later):
    secret, _ = _enrol(person)
    password_sign_in(client, person)
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).at(later)})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    used = AuditEvent.objects.get(action=Action.MFA_USE)
    assert (used.actor, used.detail) == (person, "type=totp sign-in")


def test_it_refuses_a_wrong_code_and_audits_it(client, person):
    _enrol(person)
    password_sign_in(client, person)
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert AuditEvent.objects.get(action=Action.MFA_FAILED).actor == person
    assert client.get(reverse("cases:list")).status_code == 302


def test_it_signs_in_once_with_each_recovery_code(client, person):
    _, codes = _enrol(person)
    password_sign_in(client, person)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    again = Client()
    password_sign_in(again, person)
    assert again.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 200


def test_it_audits_the_set_up(person, django_capture_on_commit_callbacks):
    # allauth announces a new authenticator once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        _enrol(person)
    details = AuditEvent.objects.filter(action=Action.MFA_ENROL, actor=person).values_list(
        "detail", flat=True
    )
    assert sorted(details) == ["type=recovery_codes", "type=totp"]


def test_it_turns_two_step_sign_in_off(person, later, django_capture_on_commit_callbacks):
    secret, _ = _enrol(person)
    client = Client()
    password_sign_in(client, person)
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).at(later)})
    assert confirmed(client, reverse("mfa_deactivate_totp")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=person, type="totp").exists()
    assert AuditEvent.objects.filter(action=Action.MFA_REMOVE, actor=person).exists()
    assert password_sign_in(Client(), person)["Location"] == "/"


def test_it_asks_for_the_password_again_before_a_later_set_up(client, person):
    password_sign_in(client, person)
    signed_in_a_while_ago(
        client
    )  # right after sign-in: tests/accounts/test_reauth_after_sign_in.py
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    wrong = client.post(response["Location"], {"password": "wrong-guess"})
    assert "That is not your password" in wrong.content.decode()
    assert AuditEvent.objects.filter(action=Action.REAUTH_FAILED, actor=person).exists()


def test_it_refuses_an_app_code_used_once_already(person, later):
    secret, _ = _enrol(person)
    code = pyotp.TOTP(secret).at(later)
    first, second = Client(), Client()
    password_sign_in(first, person)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    password_sign_in(second, person)
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200


def test_it_tells_the_people_list_who_has_set_it_up(person):
    from accounts.selectors import SecondFactor, people_second_factors

    colleague = UserFactory(clinic=person.clinic)
    _enrol(person)
    assert people_second_factors(people=[person, colleague]) == {person.pk: SecondFactor.APP}


def test_it_stops_guessing_of_codes_after_five_wrong_ones(client, person, later):
    """Six digits are guessed in a day without a limit: after five wrong codes in five
    minutes even the right one is refused, and the sign-in must wait."""
    secret, _ = _enrol(person)
    password_sign_in(client, person)
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        assert client.post(reverse("mfa_authenticate"), {"code": guess}).status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).at(later)})
    assert response.status_code == 200
    assert "Too many" in response.content.decode()
    assert client.get(reverse("cases:list")).status_code == 302


def test_it_keeps_the_password_limit_to_django_axes(client, person):
    """The code limit is not a second limit on passwords: django-axes and the throttle count
    those, and a right password after four wrong ones still signs in."""
    for _ in range(4):
        client.post(reverse("account_login"), {"login": person.username, "password": "wrong"})
    response = password_sign_in(client, person)
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
