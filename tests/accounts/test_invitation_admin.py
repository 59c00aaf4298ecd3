"""The operator resends a new clinic's first invitation from the Django admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.invitations import invitation_create
from accounts.models import Role, User
from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_admin_invitation(people_world):
    return invitation_create(
        clinic=people_world["other_clinic"],
        email="first@elsewhere.example",
        first_name="First",
        last_name="Admin",
        role=Role.CLINIC_ADMIN,
        invited_by=None,
    )


def _resend(client, invitation):
    operator = User.objects.create_superuser("operator", "op@example.org", "operator-pass-2026")
    client.force_login(operator)
    return client.post(
        reverse("admin:accounts_invitation_changelist"),
        {"action": "resend", "_selected_action": [invitation.pk]},
    )


def test_it_resends_from_the_django_admin(client, first_admin_invitation):
    _resend(client, first_admin_invitation)
    assert mail.outbox[-1].to == ["first@elsewhere.example"]


def test_it_audits_the_resend(client, first_admin_invitation):
    _resend(client, first_admin_invitation)
    assert AuditEvent.objects.filter(
        action=Action.INVITE_RESEND, object_id=first_admin_invitation.pk
    ).exists()
