"""The clinic admin's consultation groups."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from consults.models import ConsultGroup
from tests.factories import ClinicAdminFactory, ClinicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, clinician):
    client.force_login(ClinicAdminFactory(clinic=clinician.clinic))
    return client


def test_it_creates_a_group_with_members_and_audits_it(admin_client, clinician, colleague):
    response = admin_client.post(
        reverse("consults:group_new"),
        {"name": "Ethics committee", "kind": "committee", "members": [clinician.pk, colleague.pk]},
    )
    assert response.status_code == 302
    group = ConsultGroup.objects.get()
    assert set(group.members.all()) == {clinician, colleague}
    assert AuditEvent.objects.filter(action="admin", object_type="consult_group").exists()


def test_it_refuses_a_name_the_clinic_has_and_keeps_the_form(admin_client, clinician):
    ConsultGroup.objects.create(clinic=clinician.clinic, name="Peers")
    response = admin_client.post(
        reverse("consults:group_new"), {"name": "peers", "kind": "peer", "members": []}
    )
    assert "has a group called" in response.content.decode()
    assert ConsultGroup.objects.count() == 1


def test_it_hides_another_clinics_group(admin_client):
    other = ConsultGroup.objects.create(clinic=ClinicFactory(), name="Theirs")
    assert admin_client.get(reverse("consults:group_edit", args=[other.pk])).status_code == 404


def test_it_refuses_a_clinician(owner_client):
    assert owner_client.get(reverse("consults:groups")).status_code == 403
