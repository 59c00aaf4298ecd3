"""Inviting someone: the e-mail with its one-time link, and the refusals."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation, Role
from audit.models import Action, AuditEvent
from tests.accounts.invitation_mail import invitation_link

pytestmark = pytest.mark.django_db

URL = reverse("invite")


def _data(world, **overrides) -> dict:
    return {
        "first_name": "Noor",
        "last_name": "Haddad",
        "email": "noor@riverside.example",
        "role": Role.CLINICIAN,
        "professional_title": "Associate counselor",
        "profession": "counsellor",
        "supervisor": world["supervisor"].pk,
    } | overrides


def test_it_saves_the_invitation_with_its_details(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    invitation = Invitation.objects.get()
    assert (
        invitation.clinic,
        invitation.role,
        invitation.profession,
        invitation.supervisor,
        invitation.invited_by,
    ) == (
        people_world["clinic"],
        Role.CLINICIAN,
        "counsellor",
        people_world["supervisor"],
        people_world["admin"],
    )


def test_it_emails_a_one_time_link(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    assert mail.outbox[-1].to == ["noor@riverside.example"]
    assert invitation_link().startswith("/accounts/invitation/")


def test_it_names_who_invited_them(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    assert "Alex Kim has invited you to join Riverside" in mail.outbox[-1].body


def test_it_says_how_long_the_link_works(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    assert "works once, until" in mail.outbox[-1].body


def test_it_audits_the_invitation(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    event = AuditEvent.objects.get(action=Action.INVITE)
    assert event.object_id == str(Invitation.objects.get().pk)


def test_it_refuses_an_email_that_has_an_account_here(admin_client, people_world):
    response = admin_client.post(URL, _data(people_world, email="DANA@riverside.example"))
    assert "already has an account here (Dana Reyes)" in response.content.decode()


def test_it_refuses_an_email_with_an_account_elsewhere_without_naming_it(
    admin_client, people_world
):
    response = admin_client.post(URL, _data(people_world, email="olga@elsewhere.example"))
    content = response.content.decode()
    assert "already has an EthicsDesk account" in content
    assert "Elsewhere" not in content


def test_it_saves_nothing_when_refused(admin_client, people_world):
    admin_client.post(URL, _data(people_world, email="dana@riverside.example"))
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_it_keeps_everything_typed_when_refused(admin_client, people_world):
    response = admin_client.post(URL, _data(people_world, email="dana@riverside.example"))
    content = response.content.decode()
    assert 'value="Associate counselor"' in content
    assert 'value="Haddad"' in content


@pytest.mark.parametrize("email", ["n!oor@riverside.example", "n" * 140 + "@riverside.example"])
def test_it_refuses_an_address_that_cannot_be_a_user_name(admin_client, people_world, email):
    response = admin_client.post(URL, _data(people_world, email=email))
    assert response.status_code == 200 and Invitation.objects.count() == 0


def test_it_refuses_a_second_open_invitation_for_the_same_email(admin_client, people_world):
    admin_client.post(URL, _data(people_world))
    response = admin_client.post(URL, _data(people_world, first_name="Other"))
    assert "has already been invited" in response.content.decode()


def test_it_refuses_a_supervisor_for_a_clinic_admin(admin_client, people_world):
    response = admin_client.post(URL, _data(people_world, role=Role.CLINIC_ADMIN))
    assert "has no supervisor in EthicsDesk" in response.content.decode()


def test_it_refuses_another_clinics_supervisor(admin_client, people_world):
    from tests.factories import SupervisorFactory

    outsider = SupervisorFactory(clinic=people_world["other_clinic"])
    response = admin_client.post(URL, _data(people_world, supervisor=outsider.pk))
    assert "Choose a supervisor from your clinic" in response.content.decode()


def test_it_refuses_a_clinician(client, people_world):
    client.force_login(people_world["clinician"])
    assert client.post(URL, _data(people_world)).status_code == 403


def test_it_runs_a_fixed_number_of_queries(admin_client, people_world, django_assert_num_queries):
    from tests.factories import SupervisorFactory

    admin_client.get(URL)
    with django_assert_num_queries(5) as captured:
        admin_client.get(URL)
    SupervisorFactory.create_batch(10, clinic=people_world["clinic"])
    with django_assert_num_queries(len(captured)):
        admin_client.get(URL)
