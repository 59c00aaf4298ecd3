"""Signing in with the e-mail address instead of the username (django-allauth): the lockout,
the throttle and the audit trail count it against the same account."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(email="sam@clinic.example")


def _login(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_it_signs_in_with_the_e_mail_address(client, person):
    response = _login(client, "Sam@Clinic.example", PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.get(action=Action.LOGIN).actor == person


def test_it_locks_the_account_after_failures_by_username_and_e_mail_together(client, person):
    for login in [person.username] * 3 + [person.email] * 2:
        response = _login(client, login, "wrong-guess")
    assert response.status_code == 429
    assert _login(client, person.username, PASSWORD).status_code == 429


def test_it_files_a_failed_e_mail_sign_in_under_the_account(client, person):
    _login(client, person.email, "wrong-guess")
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert (event.actor_username, event.clinic_id) == (person.username, person.clinic_id)


def test_it_refuses_a_deactivated_account_like_a_wrong_password(client, person):
    person.is_active = False
    person.save()
    response = _login(client, person.username, PASSWORD)
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED).exists()
