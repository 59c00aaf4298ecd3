"""One person's page under People: their details, role form and account switch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services import supervision_link_start
from tests.factories import SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(person) -> str:
    return reverse("person", args=[person.pk])


def test_it_shows_the_persons_supervisors(admin_client, people_world):
    content = admin_client.get(_url(people_world["clinician"])).content.decode()
    assert "Supervised by</dt><dd>Sam Okafor" in content


def test_it_offers_deactivation(admin_client, people_world):
    content = admin_client.get(_url(people_world["clinician"])).content.decode()
    assert reverse("person_deactivate", args=[people_world["clinician"].pk]) in content


def test_it_offers_no_switch_on_the_admins_own_page(admin_client, people_world):
    content = admin_client.get(_url(people_world["admin"])).content.decode()
    assert "You can’t deactivate your own account" in content
    assert reverse("person_deactivate", args=[people_world["admin"].pk]) not in content


def test_it_offers_reactivation_for_a_deactivated_person(admin_client, people_world):
    people_world["clinician"].is_active = False
    people_world["clinician"].save()
    content = admin_client.get(_url(people_world["clinician"])).content.decode()
    assert reverse("person_reactivate", args=[people_world["clinician"].pk]) in content


def test_it_hides_another_clinics_person(client, people_world):
    client.force_login(people_world["other_admin"])
    assert client.get(_url(people_world["clinician"])).status_code == 404


def test_it_runs_a_fixed_number_of_queries(admin_client, people_world, django_assert_num_queries):
    person = people_world["supervisor"]
    admin_client.get(_url(person))
    # 6: one of them reads whether a second factor is set up (allauth.mfa's table).
    with django_assert_num_queries(6) as captured:
        admin_client.get(_url(person))
    for _ in range(10):
        supervision_link_start(supervisor=person, clinician=UserFactory(clinic=person.clinic))
        supervision_link_start(supervisor=SupervisorFactory(clinic=person.clinic), clinician=person)
    with django_assert_num_queries(len(captured)):
        admin_client.get(_url(person))
