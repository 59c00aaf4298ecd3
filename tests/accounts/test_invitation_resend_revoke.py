"""Resending and revoking an invitation from People."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation
from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(noor_invited):
    return noor_invited


def _resend(client, invitation):
    return client.post(reverse("invitation_resend", args=[invitation.pk]))


def _revoke(client, invitation):
    return client.post(reverse("invitation_revoke", args=[invitation.pk]))


def test_it_resends_the_email(admin_client, invitation):
    _resend(admin_client, invitation)
    assert mail.outbox[-1].to == ["noor@riverside.example"]


def test_it_restarts_the_72_hours_on_resend(admin_client, invitation):
    before = invitation.sent_at
    _resend(admin_client, invitation)
    invitation.refresh_from_db()
    assert invitation.sent_at > before


def test_it_audits_the_resend(admin_client, invitation):
    _resend(admin_client, invitation)
    assert AuditEvent.objects.filter(action=Action.INVITE_RESEND, object_id=invitation.pk).exists()


def test_it_revokes(admin_client, invitation):
    _revoke(admin_client, invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_it_audits_the_revoke(admin_client, invitation):
    _revoke(admin_client, invitation)
    assert AuditEvent.objects.filter(action=Action.INVITE_REVOKE, object_id=invitation.pk).exists()


def test_it_does_not_resend_a_revoked_invitation(admin_client, invitation):
    _revoke(admin_client, invitation)
    _resend(admin_client, invitation)
    assert mail.outbox == []


def test_it_records_a_second_revoke_as_nothing(admin_client, invitation):
    _revoke(admin_client, invitation)
    _revoke(admin_client, invitation)
    assert AuditEvent.objects.filter(action=Action.INVITE_REVOKE).count() == 1


def test_it_lets_the_address_be_invited_again_after_a_revoke(admin_client, invitation):
    _revoke(admin_client, invitation)
    admin_client.post(
        reverse("invite"),
        {
            "first_name": "Noor",
            "last_name": "H",
            "email": "noor@riverside.example",
            "role": "clinician",
        },
    )
    assert Invitation.objects.count() == 2


def test_it_hides_another_clinics_invitation(client, people_world, invitation):
    client.force_login(people_world["other_admin"])
    assert _revoke(client, invitation).status_code == 404


def test_it_refuses_a_clinician(client, people_world, invitation):
    client.force_login(people_world["clinician"])
    assert _resend(client, invitation).status_code == 403
