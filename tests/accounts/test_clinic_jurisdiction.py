"""The clinic's default jurisdiction: chosen by the clinic admin on Clinic settings from the
known jurisdictions, set by create_clinic, and US-CA for the demo clinic."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Clinic
from audit.models import Action, AuditEvent
from tests.jurisdictions.rules import jurisdiction

pytestmark = pytest.mark.django_db
URL = reverse("clinic_jurisdiction")


@pytest.fixture(autouse=True)
def _known():
    jurisdiction("US-CA")
    jurisdiction("CA-ON")


def test_it_offers_the_known_jurisdictions_on_clinic_settings(client, people_world):
    client.force_login(people_world["admin"])
    html = client.get(reverse("clinic_settings")).content.decode()
    assert '<option value="CA-ON">Ontario (CA-ON)</option>' in html


def test_it_sets_the_clinics_jurisdiction(client, people_world):
    client.force_login(people_world["admin"])
    client.post(URL, {"jurisdiction": "CA-ON"})
    people_world["clinic"].refresh_from_db()
    assert people_world["clinic"].jurisdiction == "CA-ON"


def test_it_audits_the_change(client, people_world):
    client.force_login(people_world["admin"])
    client.post(URL, {"jurisdiction": "US-CA"})
    event = AuditEvent.objects.get(action=Action.SETTINGS)
    assert (event.object_type, event.object_id) == ("clinic", str(people_world["clinic"].pk))


def test_it_refuses_an_unknown_code_and_says_why(client, people_world):
    client.force_login(people_world["admin"])
    response = client.post(URL, {"jurisdiction": "US-XX"})
    assert "Select a valid choice" in response.content.decode()
    people_world["clinic"].refresh_from_db()
    assert people_world["clinic"].jurisdiction == ""


def test_it_refuses_a_clinician(client, people_world):
    client.force_login(people_world["clinician"])
    assert client.post(URL, {"jurisdiction": "US-CA"}).status_code == 403


def test_it_refuses_a_get(client, people_world):
    client.force_login(people_world["admin"])
    assert client.get(URL).status_code == 405


def test_it_leaves_another_clinic_alone(client, people_world):
    client.force_login(people_world["other_admin"])
    client.post(URL, {"jurisdiction": "CA-ON"})
    people_world["clinic"].refresh_from_db()
    assert people_world["clinic"].jurisdiction == ""


def _create(**options) -> None:
    defaults = {
        "name": "Harbour Psychology",
        "time_zone": "America/Toronto",
        "admin_email": "ciara@harbour.example",
        "admin_name": "Ciara Byrne",
        "site_url": "https://ethicsdesk.example",
    }
    call_command("create_clinic", stdout=StringIO(), **(defaults | options))


def test_it_creates_a_clinic_with_its_jurisdiction():
    _create(jurisdiction="ca-on")
    assert Clinic.objects.get().jurisdiction == "CA-ON"


def test_it_refuses_to_create_a_clinic_with_an_unknown_jurisdiction():
    with pytest.raises(CommandError, match="not a known jurisdiction"):
        _create(jurisdiction="ZZ-9")
    assert not Clinic.objects.exists()


def test_it_gives_the_demo_clinic_californias_law(demo_users):
    assert demo_users["clinician"].clinic.jurisdiction == "US-CA"
