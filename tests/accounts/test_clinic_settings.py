"""The clinic admin's Clinic settings screen: the clinic's second-factor policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import SecondFactorRule
from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("clinic_settings")


def test_it_shows_the_policy_to_the_clinic_admin(client, people_world):
    client.force_login(people_world["admin"])
    response = client.get(URL)
    assert "Second factor for clinicians" in response.content.decode()


def test_it_changes_the_policy_of_the_admins_clinic(client, people_world):
    client.force_login(people_world["admin"])
    client.post(URL, {"clinician_second_factor": "required"})
    people_world["clinic"].refresh_from_db()
    assert people_world["clinic"].clinician_second_factor == SecondFactorRule.REQUIRED


def test_it_audits_the_change(client, people_world):
    client.force_login(people_world["admin"])
    client.post(URL, {"clinician_second_factor": "required"})
    event = AuditEvent.objects.get(action=Action.SETTINGS)
    assert (event.object_type, event.object_id) == ("clinic", str(people_world["clinic"].pk))


def test_it_leaves_another_clinic_alone(client, people_world):
    client.force_login(people_world["other_admin"])
    client.post(URL, {"clinician_second_factor": "required"})
    people_world["clinic"].refresh_from_db()
    assert people_world["clinic"].clinician_second_factor == SecondFactorRule.OPTIONAL


def test_it_keeps_the_form_and_says_why_on_a_bad_value(client, people_world):
    client.force_login(people_world["admin"])
    response = client.post(URL, {"clinician_second_factor": "sometimes"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_records_nothing_when_nothing_changed(client, people_world):
    client.force_login(people_world["admin"])
    client.post(URL, {"clinician_second_factor": "optional"})
    assert not AuditEvent.objects.filter(action=Action.SETTINGS).exists()


@pytest.mark.parametrize("who", ["supervisor", "clinician"])
def test_it_refuses_everyone_but_clinic_admins(client, people_world, who):
    client.force_login(people_world[who])
    assert client.post(URL, {"clinician_second_factor": "required"}).status_code == 403


def test_it_sends_anonymous_people_to_sign_in(client, people_world):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_it_refuses_other_methods(client, people_world):
    client.force_login(people_world["admin"])
    assert client.put(URL).status_code == 405
