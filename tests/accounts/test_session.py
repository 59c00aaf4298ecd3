from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_extends_the_session_of_an_active_user(client, monkeypatch):
    client.force_login(UserFactory())
    client.get(reverse("cases:list"))
    first = Session.objects.get().expire_date
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 120)
    client.get(reverse("cases:list"))
    assert Session.objects.get().expire_date > first


def test_it_ends_idle_sessions_after_the_configured_minutes():
    assert settings.SESSION_COOKIE_AGE == 20 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_it_does_not_extend_the_session_for_a_background_poll(client, monkeypatch):
    client.force_login(UserFactory())
    client.get(reverse("cases:list"))
    first = Session.objects.get().expire_date
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 120)

    response = client.get(reverse("review:badges"), HTTP_X_ETHICSDESK_BACKGROUND="true")

    assert response.status_code == 200
    assert Session.objects.get().expire_date == first
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_it_marks_the_badge_poll_as_background(client):
    client.force_login(UserFactory())
    page = client.get(reverse("cases:list")).content.decode()
    poll = next(line for line in page.splitlines() if reverse("review:badges") in line)
    assert "data-background" in poll
