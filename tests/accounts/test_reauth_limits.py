"""Password re-confirmation is limited like sign-in, and every failure is audited (item 7).
accounts/reauth.py is the one home; these tests go through /accounts/confirm/ and the password
change; tests/records/test_reauth_limits.py and tests/review/test_cosign.py the others."""

from __future__ import annotations

from datetime import timedelta

import pgtrigger
import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _confirm(client, password):
    return client.post(reverse("reauth"), {"password": password, "next": "/"})


def _change(client, old, new="a-brand-new-passphrase-9"):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": old, "password1": new, "password2": new},
    )


def test_it_audits_each_wrong_password(owner_client, clinician):
    for _ in range(3):
        _confirm(owner_client, "wrong-guess")
    failures = AuditEvent.objects.filter(action="reauth_failed", actor=clinician)
    assert failures.count() == 3
    assert "wrong-guess" not in str(AuditEvent.objects.values_list())


def test_it_locks_confirmation_after_five_wrong_passwords(owner_client):
    for _ in range(5):
        _confirm(owner_client, "wrong-guess")
    response = _confirm(owner_client, PASSWORD)
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()


def test_it_records_a_refusal_while_locked(owner_client, clinician):
    for _ in range(6):
        _confirm(owner_client, "wrong-guess")
    assert AuditEvent.objects.filter(action="reauth_failed").count() == 5
    assert AuditEvent.objects.filter(action="refused", detail__contains="locked").exists()


def test_it_unlocks_after_the_lockout_time(owner_client, settings):
    for _ in range(5):
        _confirm(owner_client, "wrong-guess")
    with pgtrigger.ignore("audit.AuditEvent:audit_no_update"):
        for event in AuditEvent.objects.filter(action="reauth_failed"):
            AuditEvent.objects.filter(pk=event.pk).update(
                at=event.at - timedelta(minutes=settings.REAUTH_LOCKOUT_MINUTES + 1)
            )
    assert _confirm(owner_client, PASSWORD).status_code == 302


def test_it_does_not_count_failures_before_a_success(owner_client):
    for _ in range(4):
        _confirm(owner_client, "wrong-guess")
    _confirm(owner_client, PASSWORD)
    _confirm(owner_client, "wrong-guess")
    assert _confirm(owner_client, PASSWORD).status_code == 302


def test_it_audits_a_wrong_old_password_at_password_change(owner_client, clinician):
    _change(owner_client, "wrong-guess")
    assert AuditEvent.objects.filter(action="reauth_failed", actor=clinician).exists()


def test_it_limits_the_old_password_at_password_change(owner_client):
    for _ in range(5):
        _change(owner_client, "wrong-guess")
    response = _change(owner_client, PASSWORD)
    assert "Too many wrong passwords" in response.content.decode()


def test_it_shares_one_limit_across_the_forms(owner_client):
    for _ in range(5):
        _change(owner_client, "wrong-guess")
    assert "Too many wrong passwords" in _confirm(owner_client, PASSWORD).content.decode()


def test_it_audits_a_password_change(owner_client, clinician):
    assert _change(owner_client, PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action="password_change")
    assert (event.actor, event.object_id) == (clinician, str(clinician.pk))
