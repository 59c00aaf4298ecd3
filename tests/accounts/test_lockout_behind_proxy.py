"""Behind a TLS proxy every request comes from the proxy's address: a lockout must still stop
the attacker and never the account's owner (issue 13, items 1 and 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("behind_proxy")]
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture
def behind_proxy():
    # What BEHIND_TLS_PROXY=true sets in production.
    with override_settings(
        TRUSTED_PROXY_COUNT=1, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    ):
        yield


def _login(client, user, password, forwarded):
    return client.post(
        reverse("account_login"),
        {"login": user.username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def _attack(client, user, times=5, forwarded=ATTACKER):
    for _ in range(times):
        _login(client, user, "wrong-guess", forwarded)


def _wait_out_the_throttle(settings):
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(seconds=settings.LOGIN_THROTTLE_SECONDS + 1)
    )


def test_it_lets_the_owner_in_from_another_address_after_an_attack(client, settings):
    user = UserFactory()
    _attack(client, user)
    _wait_out_the_throttle(settings)
    assert _login(client, user, PASSWORD, OWNER).status_code == 302


def test_it_keeps_the_attackers_address_locked(client, settings):
    user = UserFactory()
    _attack(client, user)
    _wait_out_the_throttle(settings)
    response = _login(client, user, PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "Sign-in locked for now" in response.content.decode()


def test_it_ignores_the_client_written_leftmost_address(client, settings):
    user = UserFactory()
    # The attacker varies the part of the header they write; the proxy appends the real one.
    for n in range(5):
        _login(client, user, "wrong-guess", f"192.0.2.{n}, {ATTACKER}")
    _wait_out_the_throttle(settings)
    assert _login(client, user, PASSWORD, f"192.0.2.99, {ATTACKER}").status_code == 429


def test_it_makes_each_attempt_wait_after_failures_from_many_addresses(client):
    user = UserFactory()
    for n in range(5):
        _login(client, user, "wrong-guess", f"192.0.2.{n}")
    response = _login(client, user, PASSWORD, OWNER)
    assert response.status_code == 200  # the form again, not signed in
    assert "Wait 10 seconds, then sign in again." in response.content.decode()


def test_it_signs_in_with_the_right_password_after_the_wait(client, settings):
    user = UserFactory()
    for n in range(5):
        _login(client, user, "wrong-guess", f"192.0.2.{n}")
    _login(client, user, PASSWORD, OWNER)  # too early: asked to wait
    _wait_out_the_throttle(settings)
    assert _login(client, user, PASSWORD, OWNER).status_code == 302


def test_it_records_the_address_the_proxy_saw(client):
    user = UserFactory()
    _login(client, user, "wrong-guess", f"6.6.6.6, {ATTACKER}")
    assert AuditEvent.objects.get(action="login_failed").ip == ATTACKER


@pytest.mark.parametrize("forwarded", ["not-an-address", "999.1.1.1, ", ",,,", "1.2.3.4\x00"])
def test_it_counts_and_records_a_failure_with_a_malformed_header(client, forwarded):
    user = UserFactory()
    response = _login(client, user, "wrong-guess", forwarded)
    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username=user.username).exists()
    event = AuditEvent.objects.get(action="login_failed")
    assert event.ip == PROXY


def test_it_answers_an_audited_page_with_a_malformed_header(owner_client, deliberation):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    response = owner_client.get(url, HTTP_X_FORWARDED_FOR="garbage", REMOTE_ADDR=PROXY)
    assert response.status_code == 200
    assert AuditEvent.objects.get(action="view").ip == PROXY


def test_it_puts_a_failed_sign_in_in_the_accounts_clinic(client):
    user = UserFactory()
    _login(client, user, "wrong-guess", OWNER)
    assert AuditEvent.objects.get(action="login_failed").clinic_id == user.clinic_id


# Real commits and rollbacks: the test itself must not run inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_failure_counted_and_recorded_when_the_response_fails(client, monkeypatch):
    from allauth.account.views import LoginView

    def broken(self, form):
        # A database error after the failure was counted (as a malformed address once caused).
        AuditEvent.objects.create(action="view", ip="not-an-address")

    monkeypatch.setattr(LoginView, "form_invalid", broken)
    client.raise_request_exception = False
    user = UserFactory()
    assert _login(client, user, "wrong-guess", OWNER).status_code == 500
    assert AccessAttempt.objects.filter(username=user.username).exists()
    assert AuditEvent.objects.filter(action="login_failed").exists()
