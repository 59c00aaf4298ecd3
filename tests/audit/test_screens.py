from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import ClinicAdminFactory, SupervisorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_clinics_audit_trail_to_its_admin(client, owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    content = client.get(reverse("audit:list")).content.decode()
    assert f"Deliberation {deliberation.pk}" in content
    assert deliberation.title not in content


def test_it_hides_other_clinics_events(client, owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    client.force_login(ClinicAdminFactory())
    assert (
        f"Deliberation {deliberation.pk}" not in client.get(reverse("audit:list")).content.decode()
    )


def test_it_lets_an_auditor_read_the_trail(client, deliberation):
    client.force_login(UserFactory(clinic=deliberation.clinic, role="auditor"))
    assert client.get(reverse("audit:list")).status_code == 200


@pytest.mark.parametrize("factory", [UserFactory, SupervisorFactory])
def test_it_refuses_the_audit_screen_to_clinicians(client, factory):
    client.force_login(factory())
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:csv")).status_code == 403


def test_it_filters_by_deliberation_action_and_user(client, owner_client, deliberation, clinician):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    url = reverse("audit:list")
    params = {"deliberation": deliberation.pk, "action": "view", "user": clinician.username}
    assert "cases:step key=dilemma" in client.get(url, params).content.decode()
    assert "No events match." in client.get(url, {"action": "sign"}).content.decode()


def test_it_says_no_events_for_an_invalid_filter(client, deliberation):
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    response = client.get(reverse("audit:list"), {"deliberation": "abc", "date_from": "2026-02-31"})
    assert response.status_code == 200
    assert "Enter a whole number." in response.content.decode()


def test_it_exports_csv(client, owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    response = client.get(reverse("audit:csv"), {"deliberation": deliberation.pk})
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("at,actor_username,action")
    assert "cases:step key=dilemma" in body


def test_it_shows_a_deliberations_history_to_its_readers(owner_client, deliberation):
    owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    content = owner_client.get(reverse("audit:history", args=[deliberation.pk])).content.decode()
    assert "cases:step key=dilemma" in content


def test_it_hides_a_deliberations_history_from_others(client, deliberation):
    client.force_login(UserFactory(clinic=deliberation.clinic))
    assert client.get(reverse("audit:history", args=[deliberation.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="refused").exists()


def test_it_pages_a_long_trail_without_counting_all_of_it(
    client, owner_client, deliberation, monkeypatch
):
    from audit import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for _ in range(5):
        owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    client.force_login(ClinicAdminFactory(clinic=deliberation.clinic))
    content = client.get(reverse("audit:list")).content.decode()
    assert "Page 1 of 2 or more" in content
    assert "The pages reach the newest 3 events" in content
    older = client.get(reverse("audit:list"), {"page": "2"}).content.decode()
    assert "Page 2 of 2 or more" in older
