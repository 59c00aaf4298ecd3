"""The clinic admin's Jurisdiction rules screen: the rules of the clinic's jurisdiction with
their version, verification and the re-check warning; only for clinic admins."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions.services import rule_version_draft
from tests.factories import ClinicAdminFactory, UserFactory
from tests.jurisdictions.rules import grant_rule_editing, publish

pytestmark = pytest.mark.django_db
URL = reverse("jurisdictions:list")


@pytest.fixture
def admin(db):
    person = ClinicAdminFactory()
    person.clinic.jurisdiction = "US-CA"
    person.clinic.save()
    publish(
        verified_on="2024-01-05",
        verified_by="Counsel",
        verification="statute_text",
        verification_note="Read on leginfo.",
    )
    publish(code="US-TX", citation="Tex. Health & Safety Code §611.004")
    return person


def test_it_shows_the_rules_of_the_clinics_jurisdiction(client, admin):
    client.force_login(admin)
    html = client.get(URL).content.decode()
    assert "Cal. Civ. Code §43.92" in html and "Tex. Health" not in html


def test_it_warns_to_recheck_a_rule_older_than_twelve_months(client, admin):
    client.force_login(admin)
    assert "Re-check this rule:</strong> last verified 5 January 2024 by Counsel" in (
        client.get(URL).content.decode()
    )


def test_it_shows_another_jurisdiction_on_request(client, admin):
    client.force_login(admin)
    assert "Tex. Health" in client.get(URL, {"jurisdiction": "US-TX"}).content.decode()


def test_it_ignores_an_unknown_jurisdiction(client, admin):
    client.force_login(admin)
    assert client.get(URL, {"jurisdiction": "<b>"}).status_code == 200


def test_it_refuses_a_clinician(client, admin):
    client.force_login(UserFactory(clinic=admin.clinic))
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get(URL).status_code == 302


def test_it_refuses_a_post(client, admin):
    client.force_login(admin)
    assert client.post(URL).status_code == 405


def test_it_runs_a_fixed_number_of_queries(client, admin):
    client.force_login(admin)
    for _ in range(3):
        publish(notes=f"change {_}")
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries)


def test_it_runs_a_fixed_number_of_queries_for_a_content_editor_with_drafts(client, admin):
    grant_rule_editing(admin)
    client.force_login(admin)
    for duty in ("child_abuse", "elder_abuse"):
        version = publish(duty=duty)
        rule_version_draft(version=version, user=admin)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(URL).content.decode()
    assert html.count("Edit the draft") == 2
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries)
