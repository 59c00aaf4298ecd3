"""The password typed at sign-in counts as allauth's re-confirmation for the next five
minutes: someone sent to set up a second factor right after signing in is not asked for it a
second time. Later, and in a session that never typed it, allauth asks as before."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.signing_in import password_sign_in, signed_in_a_while_ago
from tests.factories import SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db

SET_UP = reverse("mfa_activate_totp")


def _asks(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    )


def test_it_does_not_ask_again_right_after_sign_in(client):
    password_sign_in(client, UserFactory())
    response = client.get(SET_UP)
    assert (response.status_code, _asks(response)) == (200, False)


def test_it_does_not_ask_again_of_someone_made_to_enrol(client):
    supervisor = SupervisorFactory(second_factor=False)
    password_sign_in(client, supervisor)
    assert client.get(reverse("review:queue"))["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200


def test_it_asks_again_five_minutes_after_sign_in(client):
    password_sign_in(client, UserFactory())
    signed_in_a_while_ago(client)
    assert _asks(client.get(SET_UP))


def test_it_asks_in_a_session_where_no_password_was_typed():
    client = Client()
    client.force_login(UserFactory())
    assert _asks(client.get(SET_UP))
