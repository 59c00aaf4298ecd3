"""The operator's `manage.py create_clinic`: a new clinic and an invitation for its first admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Clinic, Invitation, Role, User
from audit.models import Action, AuditEvent
from tests.accounts.invitation_mail import invitation_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _create(**options):
    defaults = {
        "name": "Harbour Psychology",
        "time_zone": "Europe/Dublin",
        "admin_email": "Ciara@Harbour.example",
        "admin_name": "Ciara Byrne",
        "site_url": "https://ethicsdesk.example",
    }
    call_command("create_clinic", **(defaults | options))


def test_it_creates_the_clinic(db):
    _create()
    clinic = Clinic.objects.get(name="Harbour Psychology")
    assert (clinic.slug, clinic.time_zone) == ("harbour-psychology", "Europe/Dublin")


def test_it_invites_the_first_clinic_admin(db):
    _create()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.first_name, invitation.invited_by) == (
        "ciara@harbour.example",
        Role.CLINIC_ADMIN,
        "Ciara",
        None,
    )


def test_it_emails_a_link_to_the_site(db):
    _create()
    assert "https://ethicsdesk.example/accounts/invitation/" in mail.outbox[-1].body


def test_it_says_the_links_deadline_in_the_clinics_time_zone(db):
    _create()  # Europe/Dublin in winter
    assert "GMT." in mail.outbox[-1].body


def test_it_names_no_inviter_for_the_first_admin(db):
    _create()
    assert "You are invited to join Harbour Psychology on EthicsDesk as clinic admin" in (
        mail.outbox[-1].body
    )


def test_it_lets_the_admin_accept_and_land_on_their_home(client, db):
    _create()
    password = "harbour-admin-passphrase-1"
    response = client.post(
        invitation_link(), {"new_password1": password, "new_password2": password}
    )
    assert response["Location"] == reverse("frameworks:list")
    assert User.objects.get(email="ciara@harbour.example").is_clinic_admin


def test_it_audits_the_clinic_and_the_invitation(db):
    _create()
    clinic = Clinic.objects.get()
    actions = set(AuditEvent.objects.filter(clinic_id=clinic.pk).values_list("action", flat=True))
    assert actions == {Action.ADMIN, Action.INVITE}


def test_it_refuses_an_unknown_time_zone(db):
    with pytest.raises(CommandError, match="time zone"):
        _create(time_zone="Mars/Olympus")
    assert not Clinic.objects.exists()


def test_it_refuses_a_name_that_exists(db):
    _create()
    with pytest.raises(CommandError, match="exists already"):
        _create(admin_email="other@harbour.example")


def test_it_refuses_an_address_with_an_account_and_creates_nothing(db):
    UserFactory(email="ciara@harbour.example")
    with pytest.raises(CommandError, match="already has an EthicsDesk account"):
        _create()
    assert not Clinic.objects.filter(name="Harbour Psychology").exists()


def test_it_keeps_nothing_when_the_email_cannot_be_sent(db, settings, monkeypatch):
    monkeypatch.setattr(
        "accounts.management.commands.create_clinic.invitation_send", lambda **kw: False
    )
    with pytest.raises(CommandError, match="could not be sent"):
        _create()
    assert not Clinic.objects.exists() and not Invitation.objects.exists()
