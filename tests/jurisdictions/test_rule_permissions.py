"""Who may change the rules: the installation's operator and content editors (the
jurisdictions.edit_rules permission). Clinic admins, clinicians, supervisors and auditors
are refused every editing page and every change, which leaves the rules as they were; clinic
admins keep the read-only screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEvent
from jurisdictions.models import Jurisdiction, Rule, RuleVersion
from jurisdictions.services import rule_version_draft
from tests.factories import ClinicAdminFactory, SupervisorFactory, UserFactory
from tests.jurisdictions.rules import form_data, grant_rule_editing

pytestmark = pytest.mark.django_db
LIST = reverse("jurisdictions:list")
REFUSED_ROLES = {
    "clinic admin": lambda: ClinicAdminFactory(),
    "clinician": lambda: UserFactory(),
    "supervisor": lambda: SupervisorFactory(),
    "auditor": lambda: UserFactory(role=Role.AUDITOR),
}


@pytest.fixture
def draft(rule, editor):
    return rule_version_draft(version=rule, user=editor)[0]


def _requests(rule, draft) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("jurisdictions:edit", args=[draft.pk]), {}),
        ("post", reverse("jurisdictions:edit", args=[draft.pk]), form_data(draft, notes="X")),
        ("get", reverse("jurisdictions:preview", args=[draft.pk]), {}),
        ("get", reverse("jurisdictions:publish", args=[draft.pk]), {}),
        ("post", reverse("jurisdictions:publish", args=[draft.pk]), {"change_note": "X"}),
        ("post", reverse("jurisdictions:discard", args=[draft.pk]), {}),
        ("post", reverse("jurisdictions:retire", args=[rule.pk]), {}),
        ("post", reverse("jurisdictions:draft", args=[rule.rule_id]), {}),
        ("get", reverse("jurisdictions:rule_new"), {}),
        ("post", reverse("jurisdictions:rule_new"), form_data(rule, duty="child_abuse")),
        ("get", reverse("jurisdictions:jurisdiction_new"), {}),
        (
            "post",
            reverse("jurisdictions:jurisdiction_new"),
            {"code": "AU-VIC", "name": "Victoria", "country": "AU"},
        ),
        ("get", reverse("jurisdictions:import"), {}),
        ("post", reverse("jurisdictions:import"), {}),
        ("get", reverse("jurisdictions:export"), {"format": "json"}),
    ]


def _state() -> tuple:
    return (
        sorted(RuleVersion.objects.values_list("pk", "status", "notes", "change_note")),
        Rule.objects.count(),
        Jurisdiction.objects.count(),
    )


@pytest.mark.parametrize("role", sorted(REFUSED_ROLES))
def test_it_refuses_every_editing_page_and_change_to_other_roles(client, role, rule, draft):
    person = REFUSED_ROLES[role]()
    client.force_login(person)
    before = _state()
    for method, url, data in _requests(rule, draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (role, method, url, response.status_code)
    assert _state() == before
    assert AuditEvent.objects.filter(actor=person, action="refused").count() == 15


def test_it_sends_anonymous_people_to_sign_in(client, rule, draft):
    for method, url, data in _requests(rule, draft):
        assert getattr(client, method)(url, data).status_code == 302, url


def test_it_shows_a_clinic_admin_the_rules_without_editing(client, rule):
    admin = ClinicAdminFactory()
    admin.clinic.jurisdiction = "US-CA"
    admin.clinic.save()
    client.force_login(admin)
    html = client.get(LIST).content.decode()
    assert "Cal. Civ. Code §43.92" in html
    assert "New draft" not in html and reverse("jurisdictions:import") not in html
    assert "ask the installation's operator or content editor" in html


def test_it_shows_a_content_editor_the_drafting_actions(client, editor, rule):
    client.force_login(editor)
    html = client.get(LIST, {"jurisdiction": "US-CA"}).content.decode()
    assert "New draft" in html and "Retire version 1…" in html
    assert reverse("jurisdictions:import") in html and reverse("jurisdictions:rule_new") in html


def test_it_lets_a_clinician_with_the_permission_edit(client, rule):
    editor = grant_rule_editing(UserFactory())
    client.force_login(editor)
    assert client.get(LIST, {"jurisdiction": "US-CA"}).status_code == 200
    assert client.post(reverse("jurisdictions:draft", args=[rule.rule_id])).status_code == 302


def test_it_lets_the_operator_who_has_no_clinic_use_the_screen(client, operator, rule):
    client.force_login(operator)
    html = client.get(LIST).content.decode()
    assert "Pick a jurisdiction above to see its rules and draft corrections." in html
    assert reverse("clinic_settings") not in html
    html = client.get(LIST, {"jurisdiction": "US-CA"}).content.decode()
    assert "New draft" in html


def test_it_refuses_a_deactivated_content_editor(client, rule):
    editor = grant_rule_editing(ClinicAdminFactory())
    editor.is_active = False
    editor.save()
    client.force_login(editor)
    response = client.post(reverse("jurisdictions:draft", args=[rule.rule_id]))
    assert response.url.startswith(reverse("account_login"))
    assert not RuleVersion.objects.filter(status="draft").exists()
