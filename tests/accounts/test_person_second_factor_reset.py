"""The clinic admin resets someone's second factor (a lost phone), with a reason."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _url(person) -> str:
    return reverse("person_second_factor_reset", args=[person.pk])


def test_it_offers_the_reset_on_the_persons_page(admin_client, people_world):
    response = admin_client.get(reverse("person", args=[people_world["supervisor"].pk]))
    assert "Reset second factor" in response.content.decode()


def test_it_removes_every_second_factor_of_the_person(admin_client, people_world):
    admin_client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    assert not Authenticator.objects.filter(user=people_world["supervisor"]).exists()


def test_it_ends_the_persons_open_sessions(admin_client, people_world):
    theirs = Client()
    theirs.force_login(people_world["supervisor"])
    admin_client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    assert theirs.get(reverse("review:queue"))["Location"].startswith(reverse("account_login"))


def test_it_sends_them_to_set_up_a_new_one_at_their_next_sign_in(admin_client, people_world):
    admin_client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    theirs = Client()
    theirs.force_login(people_world["supervisor"])
    assert theirs.get(reverse("review:queue"))["Location"] == reverse("mfa_activate_totp")


def test_it_audits_the_reset_with_the_reasons_category(admin_client, people_world):
    admin_client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    event = AuditEvent.objects.get(action=Action.MFA_RESET)
    assert (event.object_id, event.actor_id) == (
        str(people_world["supervisor"].pk),
        people_world["admin"].pk,
    )
    assert "decision=lost_device" in event.detail


def test_it_asks_for_a_reason_and_changes_nothing_without_one(admin_client, people_world):
    response = admin_client.post(_url(people_world["supervisor"]), {"reason": ""})
    assert "This field is required" in response.content.decode()
    assert Authenticator.objects.filter(user=people_world["supervisor"]).exists()
    assert not AuditEvent.objects.filter(action=Action.MFA_RESET).exists()


def test_it_refuses_the_admins_own(admin_client, people_world):
    admin_client.post(_url(people_world["admin"]), {"reason": "lost_device"})
    assert Authenticator.objects.filter(user=people_world["admin"]).exists()


def test_it_hides_another_clinics_people(client, people_world):
    client.force_login(people_world["other_admin"])
    response = client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    assert response.status_code == 404
    assert Authenticator.objects.filter(user=people_world["supervisor"]).exists()


@pytest.mark.parametrize("who", ["supervisor", "clinician"])
def test_it_refuses_everyone_but_clinic_admins(client, people_world, who):
    client.force_login(people_world[who])
    response = client.post(_url(people_world["supervisor"]), {"reason": "lost_device"})
    assert response.status_code == 403


def test_it_refuses_a_get(admin_client, people_world):
    assert admin_client.get(_url(people_world["supervisor"])).status_code == 405
