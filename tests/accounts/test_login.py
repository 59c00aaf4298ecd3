from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    ClinicAdminFactory,
    SupervisorFactory,
    UserFactory,
    fresh_code,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_to_anonymous_users(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


@pytest.mark.parametrize(
    ("factory", "home"),
    [
        (UserFactory, "cases:list"),
        (SupervisorFactory, "review:queue"),
        (ClinicAdminFactory, "frameworks:list"),
    ],
)
def test_it_sends_each_role_to_its_home_after_login(client, factory, home):
    user = factory()
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    if response["Location"] == reverse("mfa_authenticate"):  # supervisors' and admins' code
        response = client.post(response["Location"], {"code": fresh_code(user.username)})
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"] == reverse(home)


def test_it_keeps_the_username_and_explains_a_failed_login(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert b"do not match an account" in response.content
    assert f'value="{user.username}"'.encode() in response.content


def test_it_logs_out_with_post(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 302


def test_it_changes_the_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-much-longer-passphrase-9",
            "password2": "a-much-longer-passphrase-9",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-passphrase-9")


def test_it_refuses_a_weak_new_password_and_says_why(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "12345", "password2": "12345"},
    )
    assert response.status_code == 200
    assert b"too short" in response.content
