"""Deactivating someone who leaves, and reactivating them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import SupervisionLink
from audit.models import Action, AuditEvent
from cases.services import deliberation_create
from review.services import deliberation_submit
from tests.factories import PASSWORD, ClinicAdminFactory, PublishedVersionFactory

pytestmark = pytest.mark.django_db


def _deactivate(client, person, confirm=True):
    return client.post(
        reverse("person_deactivate", args=[person.pk]), {"confirm": "True"} if confirm else {}
    )


def test_it_asks_before_deactivating(admin_client, people_world):
    response = _deactivate(admin_client, people_world["clinician"], confirm=False)
    people_world["clinician"].refresh_from_db()
    assert "Deactivate Dana Reyes?" in response.content.decode()
    assert people_world["clinician"].is_active


def test_it_deactivates(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    people_world["clinician"].refresh_from_db()
    assert not people_world["clinician"].is_active
    assert people_world["clinician"].deactivated_at is not None


def test_it_audits_the_deactivation(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    event = AuditEvent.objects.get(action=Action.DEACTIVATE)
    assert event.object_id == str(people_world["clinician"].pk)


def test_it_ends_an_open_session_at_its_next_request(admin_client, people_world):
    theirs = Client()
    theirs.post(
        reverse("account_login"),
        {"login": people_world["clinician"].username, "password": PASSWORD},
    )
    assert theirs.get(reverse("cases:list")).status_code == 200
    _deactivate(admin_client, people_world["clinician"])
    response = theirs.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_refuses_their_sign_in(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    response = Client().post(
        reverse("account_login"),
        {"login": people_world["clinician"].username, "password": PASSWORD},
    )
    assert response.status_code == 200  # the form again, not signed in


def test_it_ends_their_supervision_links_and_keeps_them(admin_client, people_world):
    _deactivate(admin_client, people_world["supervisor"])
    link = SupervisionLink.objects.get(supervisor=people_world["supervisor"])
    assert link.ended_at is not None


def test_it_keeps_their_deliberations(admin_client, people_world):
    version = PublishedVersionFactory(framework__clinic=None)
    kept = deliberation_create(
        owner=people_world["clinician"],
        title="T",
        client_reference="CR-1",
        framework_version=version,
    )
    _deactivate(admin_client, people_world["clinician"])
    kept.refresh_from_db()
    assert kept.owner == people_world["clinician"]


def test_it_shows_their_open_reviews_as_needing_a_new_supervisor(admin_client, people_world):
    version = PublishedVersionFactory(framework__clinic=None)
    waiting = deliberation_create(
        owner=people_world["clinician"],
        title="Secret title",
        client_reference="CR-9",
        framework_version=version,
    )
    deliberation_submit(deliberation=waiting, user=people_world["clinician"], message="")
    _deactivate(admin_client, people_world["supervisor"])
    content = admin_client.get(reverse("people")).content.decode()
    assert "Waiting for a new supervisor" in content
    assert "Dana Reyes: 1 waiting for review" in content
    assert "Secret title" not in content


def test_it_refuses_an_admin_deactivating_themself(admin_client, people_world):
    ClinicAdminFactory(clinic=people_world["clinic"])
    response = _deactivate(admin_client, people_world["admin"])
    people_world["admin"].refresh_from_db()
    assert people_world["admin"].is_active
    assert response["Location"] == reverse("person", args=[people_world["admin"].pk])


def test_it_refuses_to_deactivate_the_last_admin(people_world):
    from accounts.services import PersonRefused, person_deactivate

    with pytest.raises(PersonRefused, match="only admin"):
        person_deactivate(person=people_world["admin"], by=people_world["supervisor"])


def test_it_lets_one_of_two_admins_deactivate_the_other(client, people_world):
    second = ClinicAdminFactory(clinic=people_world["clinic"])
    client.force_login(second)
    _deactivate(client, people_world["admin"])
    people_world["admin"].refresh_from_db()
    assert not people_world["admin"].is_active


def test_it_reactivates(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    admin_client.post(reverse("person_reactivate", args=[people_world["clinician"].pk]))
    people_world["clinician"].refresh_from_db()
    assert people_world["clinician"].is_active
    assert people_world["clinician"].deactivated_at is None


def test_it_audits_the_reactivation(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    admin_client.post(reverse("person_reactivate", args=[people_world["clinician"].pk]))
    assert AuditEvent.objects.filter(action=Action.REACTIVATE).count() == 1


def test_it_lets_a_reactivated_person_sign_in_again(admin_client, people_world):
    _deactivate(admin_client, people_world["clinician"])
    admin_client.post(reverse("person_reactivate", args=[people_world["clinician"].pk]))
    theirs = Client()
    theirs.post(
        reverse("account_login"),
        {"login": people_world["clinician"].username, "password": PASSWORD},
    )
    assert theirs.get(reverse("cases:list")).status_code == 200


def test_it_hides_another_clinics_person(client, people_world):
    client.force_login(people_world["other_admin"])
    assert _deactivate(client, people_world["clinician"]).status_code == 404
