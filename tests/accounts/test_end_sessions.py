from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.sessions import end_sessions
from audit.models import Action, AuditEvent
from tests.factories import ClinicAdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("cases:list")).status_code == 200
    return client


def test_it_ends_every_session_of_the_person_at_their_next_request():
    person = UserFactory()
    laptop, phone = _signed_in(person), _signed_in(person)

    assert end_sessions(user=person, reason="deactivated") == 2

    for client in (laptop, phone):
        response = client.get(reverse("cases:list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_it_leaves_other_peoples_sessions_alone():
    person, colleague = UserFactory(), UserFactory()
    _signed_in(person)
    theirs = _signed_in(colleague)

    end_sessions(user=person, reason="deactivated")

    assert theirs.get(reverse("cases:list")).status_code == 200


def test_it_audits_who_ended_whose_sessions_and_why(rf):
    person = UserFactory()
    admin = ClinicAdminFactory(clinic=person.clinic)
    _signed_in(person)
    request = rf.post("/accounts/clinic/people/")
    request.user = admin

    end_sessions(user=person, reason="deactivated", request=request)

    event = AuditEvent.objects.get(action=Action.SESSION_END)
    assert event.actor == admin
    assert event.clinic_id == person.clinic_id
    assert event.object_id == str(person.pk)
    assert "reason=deactivated" in event.detail
    assert "sessions=1" in event.detail
    assert f"about={person.username}" in event.detail


def test_it_files_an_event_without_a_request_under_the_persons_clinic():
    person = UserFactory()
    _signed_in(person)

    end_sessions(user=person, reason="password reset")

    event = AuditEvent.objects.get(action=Action.SESSION_END)
    assert event.actor is None
    assert event.actor_username == person.username
    assert event.clinic_id == person.clinic_id


def test_it_ends_a_deactivated_persons_sessions_at_once():
    from django.contrib.sessions.models import Session

    from accounts.services import person_deactivate

    person = UserFactory()
    admin = ClinicAdminFactory(clinic=person.clinic)
    laptop = _signed_in(person)

    person_deactivate(person=person, by=admin)

    assert not Session.objects.filter(session_key=laptop.session.session_key).exists()
    assert "reason=deactivated" in AuditEvent.objects.get(action=Action.SESSION_END).detail
