"""Each clinic has a time zone (an IANA name); every page shows times in the signed-in
user's clinic zone (issue 13, item 22)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone

from accounts.models import Clinic
from accounts.services import demo_data_ensure
from accounts.timezones import SESSION_KEY, ClinicTimeZoneMiddleware
from tests.factories import ClinicFactory, UserFactory

pytestmark = pytest.mark.django_db
LA = "America/Los_Angeles"


def test_it_gives_a_new_clinic_the_installations_time_zone(settings):
    assert Clinic.objects.create(name="New", slug="new").time_zone == settings.TIME_ZONE


def test_it_accepts_an_iana_time_zone():
    clinic = ClinicFactory(time_zone="Europe/Berlin")
    clinic.full_clean()


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "PST8PDT/../etc", "", "../../etc/passwd"])
def test_it_refuses_a_time_zone_that_does_not_exist(name):
    clinic = ClinicFactory.build(name="X", slug="x", time_zone=name)
    with pytest.raises(ValidationError) as refused:
        clinic.full_clean()
    assert "time_zone" in refused.value.message_dict


def test_it_gives_the_demo_clinic_a_real_time_zone():
    users = demo_data_ensure(password="demo-pass-123")
    assert users["clinician"].clinic.time_zone == LA


def _zone_seen(request) -> str:
    """The time zone a view sees behind the middleware, and the one left active after it."""
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return HttpResponse()

    ClinicTimeZoneMiddleware(view)(request)
    return seen[0]


def _request(rf, user):
    request = rf.get("/")
    request.user = user
    request.session = SessionStore()
    return request


def test_it_activates_the_clinics_time_zone_for_each_request(rf, settings):
    user = UserFactory(clinic=ClinicFactory(time_zone=LA))
    request = _request(rf, user)
    request.session[SESSION_KEY] = LA
    assert _zone_seen(request) == LA
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_it_leaves_anonymous_requests_in_the_installations_zone(rf, settings):
    assert _zone_seen(_request(rf, AnonymousUser())) == settings.TIME_ZONE


def test_it_keeps_the_zone_in_the_session_at_sign_in(client):
    client.force_login(UserFactory(clinic=ClinicFactory(time_zone=LA)))
    assert client.session[SESSION_KEY] == LA


def test_it_finds_the_zone_of_a_session_that_started_before_clinics_had_one(rf):
    user = UserFactory(clinic=ClinicFactory(time_zone=LA))
    request = _request(rf, user)
    assert _zone_seen(request) == LA
    assert request.session[SESSION_KEY] == LA
