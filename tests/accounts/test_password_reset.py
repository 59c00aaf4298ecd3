"""Password reset by e-mail (django-allauth): no account enumeration, rate-limited, a link
that works once and expires, and a reset ends every session of the person."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = "a-fresh-passphrase-77"


@pytest.fixture
def person():
    return UserFactory(email="dana@clinic.example")


def _ask(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def _link() -> str:
    (message,) = mail.outbox
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)[1]


def _reset(client, link, password=NEW):
    page = client.get(link)  # the link moves its key into the session, out of the address
    return client.post(page["Location"], {"password1": password, "password2": password})


def test_it_answers_the_same_for_a_known_and_an_unknown_address(client, person):
    known = _ask(client, person.email)
    unknown = _ask(Client(), "nobody@clinic.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    page = client.get(known["Location"]).content.decode()
    assert "If the address you typed belongs to an account" in page


def test_it_e_mails_a_link_to_a_known_address_only(client, person):
    _ask(client, "nobody@clinic.example")
    assert mail.outbox == []
    _ask(client, person.email.upper())
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_it_sets_the_new_password_from_the_link(client, person):
    _ask(client, person.email)
    response = _reset(Client(), _link())
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    person.refresh_from_db()
    assert person.check_password(NEW)


def test_it_refuses_a_link_used_once(client, person):
    _ask(client, person.email)
    link = _link()
    _reset(Client(), link)
    again = Client().get(link)
    assert again.status_code == 200
    assert "This link no longer works" in again.content.decode()


def test_it_refuses_an_expired_link(client, person, settings, monkeypatch):
    _ask(client, person.email)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = Client().get(_link())
    assert "This link no longer works" in page.content.decode()
    person.refresh_from_db()
    assert not person.check_password(NEW)


def test_it_limits_requests_for_one_address_the_same_whether_it_exists_or_not(person):
    for email in (person.email, "nobody@clinic.example"):
        answers = [_ask(Client(), email).status_code for _ in range(4)]
        assert answers == [302, 302, 302, 429]


def test_it_ends_every_session_of_the_person(client, person):
    laptop = Client()
    laptop.force_login(person)
    assert laptop.get(reverse("cases:list")).status_code == 200
    _ask(client, person.email)
    _reset(Client(), _link())
    # Deleted at once, not only refused at its next request (Django's password hash check).
    assert not Session.objects.filter(session_key=laptop.session.session_key).exists()
    response = laptop.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_audits_the_request_the_reset_and_the_sessions_it_ended(client, person):
    _ask(client, person.email)
    _reset(Client(), _link())
    for action in (Action.PASSWORD_RESET_REQUEST, Action.PASSWORD_RESET, Action.SESSION_END):
        event = AuditEvent.objects.get(action=action)
        assert (event.actor_username, event.clinic_id) == (person.username, person.clinic_id)


def test_it_audits_a_request_for_an_unknown_address_without_the_address(client):
    _ask(client, "nobody@clinic.example")
    event = AuditEvent.objects.get(action=Action.PASSWORD_RESET_REQUEST)
    assert "nobody" not in str(AuditEvent.objects.values_list())
    assert "no active account" in event.detail


def test_it_sends_no_link_to_a_deactivated_account(client, person):
    person.is_active = False
    person.save()
    _ask(client, person.email)
    assert mail.outbox == []


def test_it_keeps_the_e_mail_to_a_title_and_a_link(client, person):
    _ask(client, person.email)
    (message,) = mail.outbox
    assert message.subject == "EthicsDesk: Choose a new password"
    assert "works once, and for 60 minutes" in message.body
