"""The invited person opens the link, chooses a password and lands signed in on their home."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from accounts.invitations import InvitationTokenGenerator, invitation_create, invitation_send
from accounts.models import Invitation, Role, SupervisionLink, User
from accounts.services import person_deactivate
from audit.models import Action, AuditEvent
from tests.accounts.invitation_mail import invitation_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-new-passphrase-7"


@pytest.fixture
def invited(people_world):
    invitation = invitation_create(
        clinic=people_world["clinic"],
        email="Noor@Riverside.example",
        first_name="Noor",
        last_name="Haddad",
        role=Role.CLINICIAN,
        professional_title="Associate counselor",
        profession="counsellor",
        supervisor=people_world["supervisor"],
        invited_by=people_world["admin"],
    )
    invitation_send(invitation=invitation, base_url="http://testserver/")
    return invitation


def _accept(client, link: str, password: str = PASSWORD):
    return client.post(link, {"new_password1": password, "new_password2": password})


def test_it_shows_the_password_form(client, invited):
    response = client.get(invitation_link())
    assert "Welcome, Noor" in response.content.decode()


def test_it_creates_the_account_with_the_invitations_details(client, invited):
    _accept(client, invitation_link())
    user = User.objects.get(email="noor@riverside.example")
    assert (user.username, user.role, user.profession, user.clinic) == (
        "noor@riverside.example",
        Role.CLINICIAN,
        "counsellor",
        invited.clinic,
    )


def test_it_sets_the_chosen_password(client, invited):
    _accept(client, invitation_link())
    assert User.objects.get(email="noor@riverside.example").check_password(PASSWORD)


def test_it_signs_the_person_in_and_sends_them_home(client, invited):
    response = _accept(client, invitation_link())
    assert response["Location"] == reverse("cases:list")
    assert client.session[SESSION_KEY] == str(
        User.objects.get(username="noor@riverside.example").pk
    )


def test_it_links_the_chosen_supervisor(client, invited, people_world):
    _accept(client, invitation_link())
    link = SupervisionLink.objects.get(clinician__username="noor@riverside.example")
    assert (link.supervisor, link.created_by) == (people_world["supervisor"], people_world["admin"])


def test_it_skips_a_supervisor_who_left_meanwhile(client, invited, people_world):
    person_deactivate(person=people_world["supervisor"], by=people_world["admin"])
    _accept(client, invitation_link())
    assert not SupervisionLink.objects.filter(clinician__username="noor@riverside.example").exists()


def test_it_keeps_the_person_signed_in_on_the_next_page(client, invited):
    _accept(client, invitation_link())
    assert client.get(reverse("cases:list")).status_code == 200


def test_it_audits_the_acceptance(client, invited):
    _accept(client, invitation_link())
    event = AuditEvent.objects.get(action=Action.INVITE_ACCEPT)
    assert (event.object_id, event.actor_username) == (str(invited.pk), "noor@riverside.example")


def test_it_works_once(client, invited):
    link = invitation_link()
    _accept(client, link)
    client.logout()
    response = _accept(client, link, "another-passphrase-99")
    assert "no longer works" in response.content.decode()
    assert User.objects.filter(email="noor@riverside.example").count() == 1


def test_it_refuses_a_weak_password_and_creates_nothing(client, invited):
    response = _accept(client, invitation_link(), "noorhaddad")
    assert response.status_code == 200
    assert not User.objects.filter(email="noor@riverside.example").exists()


def test_it_refuses_a_tampered_token(client, invited):
    link = invitation_link()
    response = client.get(link[:-3] + "00/")
    assert "no longer works" in response.content.decode()


def test_it_refuses_a_link_older_than_72_hours(client, invited, monkeypatch):
    link = invitation_link()
    later = datetime.now() + timedelta(hours=72, minutes=1)
    monkeypatch.setattr(InvitationTokenGenerator, "_now", lambda self: later)
    assert "no longer works" in client.get(link).content.decode()


def test_it_accepts_a_link_just_under_72_hours_old(client, invited, monkeypatch):
    link = invitation_link()
    later = datetime.now() + timedelta(hours=71, minutes=59)
    monkeypatch.setattr(InvitationTokenGenerator, "_now", lambda self: later)
    assert "Welcome, Noor" in client.get(link).content.decode()


def test_it_refuses_a_revoked_invitations_link(client, invited):
    from accounts.invitations import invitation_revoke

    link = invitation_link()
    invitation_revoke(invitation=invited)
    assert "no longer works" in client.get(link).content.decode()


def test_it_refuses_the_earlier_link_after_a_resend(client, invited):
    from accounts.invitations import invitation_resend

    first = invitation_link()
    invitation_resend(invitation=invited, base_url="http://testserver/")
    assert "no longer works" in client.get(first).content.decode()
    assert "Welcome, Noor" in client.get(invitation_link()).content.decode()


def test_it_refuses_when_the_address_got_an_account_meanwhile(client, invited, people_world):
    UserFactory(clinic=people_world["other_clinic"], email="noor@riverside.example")
    response = _accept(client, invitation_link())
    assert "already has an account" in response.content.decode()
    assert Invitation.objects.get().accepted_at is None


def test_it_asks_a_signed_in_person_to_log_out_first(client, invited, people_world):
    client.force_login(people_world["clinician"])
    response = _accept(client, invitation_link())
    assert "log out first" in response.content.decode()
    assert not User.objects.filter(email="noor@riverside.example").exists()


def test_it_sends_nothing_to_anyone_else(invited):
    assert [m.to for m in mail.outbox] == [["noor@riverside.example"]]


def test_it_leads_straight_into_setting_up_a_second_factor_when_required(client, people_world):
    invitation = invitation_create(
        clinic=people_world["clinic"],
        email="sasha@riverside.example",
        first_name="Sasha",
        last_name="Lee",
        role=Role.SUPERVISOR,
        invited_by=people_world["admin"],
    )
    invitation_send(invitation=invitation, base_url="http://testserver/")
    response = _accept(client, invitation_link(), PASSWORD)
    set_up = client.get(response["Location"], follow=True)
    assert set_up.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "Your clinic requires a second factor" in set_up.content.decode()


def test_it_lets_a_clinician_of_an_optional_clinic_start_without_one(client, invited):
    response = _accept(client, invitation_link())
    assert client.get(response["Location"]).status_code == 200
