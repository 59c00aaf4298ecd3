from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, ClinicAdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fail(client, user, times: int):
    for _ in range(times):
        response = client.post(
            reverse("account_login"), {"login": user.username, "password": "nope"}
        )
    return response


def test_it_locks_an_account_after_repeated_failures_with_a_clear_message(client):
    user = UserFactory()
    response = _fail(client, user, 5)
    assert response.status_code == 429
    assert "Sign-in locked for now" in response.content.decode()
    locked = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert locked.status_code == 429


def test_it_lets_the_clinic_admin_unlock_the_account(client):
    user = UserFactory()
    _fail(client, user, 5)
    admin = ClinicAdminFactory(clinic=user.clinic)
    client.force_login(admin)
    assert user.username in client.get(reverse("lockout_list")).content.decode()
    client.post(reverse("lockout_reset"), {"username": user.username})
    client.logout()
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_it_refuses_to_unlock_another_clinics_account(client):
    user = UserFactory()
    _fail(client, user, 5)
    client.force_login(ClinicAdminFactory())
    assert client.post(reverse("lockout_reset"), {"username": user.username}).status_code == 404


def test_it_keeps_lockouts_from_clinicians(client):
    client.force_login(UserFactory())
    assert client.get(reverse("lockout_list")).status_code == 403
