"""A person sees where they are signed in (django-allauth's usersessions) and signs out
everywhere else."""

from __future__ import annotations

import time

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("usersessions_list")


def _sign_in(person, agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(
        reverse("account_login"), {"login": person.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def person():
    return UserFactory()


def test_it_lists_each_browser_the_person_is_signed_in_from(person):
    desk = _sign_in(person, "Firefox on the clinic desk", "198.51.100.4")
    _sign_in(person, "Safari on a phone", "203.0.113.9")
    page = desk.get(URL).content.decode()
    assert "Firefox on the clinic desk" in page
    assert "Safari on a phone" in page
    assert "203.0.113.9" in page
    assert page.count("This browser") == 1


def test_it_signs_out_every_other_session(person):
    desk = _sign_in(person, "desk", "198.51.100.4")
    phone = _sign_in(person, "phone", "203.0.113.9")
    assert desk.post(URL).status_code == 302
    assert phone.get(reverse("cases:list")).status_code == 302
    assert desk.get(reverse("cases:list")).status_code == 200


def test_it_audits_signing_out_elsewhere(person):
    desk = _sign_in(person, "desk", "198.51.100.4")
    _sign_in(person, "phone", "203.0.113.9")
    desk.post(URL)
    event = AuditEvent.objects.get(action=Action.SESSION_END)
    assert event.actor == person
    assert "sessions=1" in event.detail


def test_it_shows_only_the_persons_own_sessions(person):
    desk = _sign_in(person, "desk", "198.51.100.4")
    _sign_in(UserFactory(), "someone else's browser", "192.0.2.1")
    assert "someone else" not in desk.get(URL).content.decode()


def test_it_notes_when_and_where_a_session_was_last_active(person, monkeypatch):
    desk = _sign_in(person, "desk", "198.51.100.4")
    first = UserSession.objects.get().last_seen_at
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 120)
    desk.get(reverse("cases:list"), REMOTE_ADDR="198.51.100.77")
    seen = UserSession.objects.get()
    assert seen.last_seen_at > first
    assert seen.ip == "198.51.100.77"


def test_it_ends_the_listed_sessions_with_end_sessions(person):
    from accounts.sessions import end_sessions

    _sign_in(person, "desk", "198.51.100.4")
    end_sessions(user=person, reason="deactivated")
    assert not UserSession.objects.exists()
