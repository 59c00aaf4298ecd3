"""Changing a person's role, and the rule that a clinic always keeps an admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, SupervisionLink
from audit.models import Action, AuditEvent
from tests.factories import ClinicAdminFactory

pytestmark = pytest.mark.django_db


def _change(client, person, role):
    return client.post(reverse("person_role", args=[person.pk]), {"role": role})


def test_it_changes_the_role(admin_client, people_world):
    _change(admin_client, people_world["clinician"], Role.SUPERVISOR)
    people_world["clinician"].refresh_from_db()
    assert people_world["clinician"].role == Role.SUPERVISOR


def test_it_audits_the_change(admin_client, people_world):
    _change(admin_client, people_world["clinician"], Role.SUPERVISOR)
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGE)
    assert event.object_id == str(people_world["clinician"].pk)


def test_it_records_no_change_when_the_role_stays(admin_client, people_world):
    _change(admin_client, people_world["clinician"], Role.CLINICIAN)
    assert not AuditEvent.objects.filter(action=Action.ROLE_CHANGE).exists()


def test_it_ends_the_links_of_a_supervisor_who_becomes_a_clinician(admin_client, people_world):
    _change(admin_client, people_world["supervisor"], Role.CLINICIAN)
    link = SupervisionLink.objects.get(supervisor=people_world["supervisor"])
    assert link.ended_at is not None


def test_it_refuses_an_admin_demoting_themself(admin_client, people_world):
    ClinicAdminFactory(clinic=people_world["clinic"])
    response = _change(admin_client, people_world["admin"], Role.CLINICIAN)
    people_world["admin"].refresh_from_db()
    assert people_world["admin"].role == Role.CLINIC_ADMIN
    assert "You can&#x27;t take the clinic admin role from yourself" in response.content.decode()


def test_it_refuses_to_demote_the_last_admin(client, people_world):
    # A second admin, deactivated, does not count: the clinic has one active admin.
    other = ClinicAdminFactory(clinic=people_world["clinic"])
    client.force_login(other)
    other.is_active = False
    other.save()
    from accounts.services import PersonRefused, person_role_change

    with pytest.raises(PersonRefused, match="only admin"):
        person_role_change(person=people_world["admin"], role=Role.CLINICIAN, by=other)


def test_it_lets_one_of_two_admins_demote_the_other(client, people_world):
    second = ClinicAdminFactory(clinic=people_world["clinic"])
    client.force_login(second)
    _change(client, people_world["admin"], Role.CLINICIAN)
    people_world["admin"].refresh_from_db()
    assert people_world["admin"].role == Role.CLINICIAN


def test_it_refuses_a_role_that_does_not_exist(admin_client, people_world):
    response = _change(admin_client, people_world["clinician"], "superuser")
    assert response.status_code == 200
    people_world["clinician"].refresh_from_db()
    assert people_world["clinician"].role == Role.CLINICIAN


def test_it_hides_another_clinics_person(client, people_world):
    client.force_login(people_world["other_admin"])
    assert _change(client, people_world["clinician"], Role.SUPERVISOR).status_code == 404


def test_it_refuses_a_supervisor(client, people_world):
    client.force_login(people_world["supervisor"])
    assert _change(client, people_world["clinician"], Role.SUPERVISOR).status_code == 403


def test_it_records_the_old_and_the_new_role_in_the_audit_event(admin_client, people_world):
    _change(admin_client, people_world["clinician"], Role.SUPERVISOR)
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGE)
    assert "role: clinician → supervisor" in event.detail


def test_it_shows_the_old_and_the_new_role_in_the_audit_trail(admin_client, people_world):
    _change(admin_client, people_world["supervisor"], Role.CLINICIAN)
    page = admin_client.get(reverse("audit:list"), {"action": Action.ROLE_CHANGE})
    assert "role: supervisor → clinician" in page.content.decode()
