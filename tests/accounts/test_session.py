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
