"""The draft's edit form: every rule field, checked by the importers' validator, problems
beside their fields with everything typed kept; a published version can't be edited."""

from __future__ import annotations

from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from jurisdictions.models import RuleVersion
from jurisdictions.services import rule_version_draft
from tests.jurisdictions.rules import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(rule, editor):
    return rule_version_draft(version=rule, user=editor)[0]


def _url(version) -> str:
    return reverse("jurisdictions:edit", args=[version.pk])


def test_it_shows_every_rule_field_filled_from_the_draft(client, editor, draft):
    client.force_login(editor)
    html = client.get(_url(draft)).content.decode()
    for name in (
        "classification",
        "professions",
        "trigger",
        "discharge_steps",
        "notify",
        "time_limits",
        "citation",
        "source_urls",
        "verified_on",
        "verified_by",
        "verification",
        "verification_note",
        "notes",
        "change_note",
    ):
        assert f'name="{name}"' in html, name
    assert "Make reasonable efforts to warn the person at risk\nNotify the police" in html
    assert "warning :: immediately" in html


def test_it_saves_every_field_of_the_draft(client, editor, draft):
    client.force_login(editor)
    data = form_data(
        draft,
        classification="permissive",
        professions=["psychologist", "mft"],
        trigger="A serious threat of physical violence against a reasonably identifiable victim.",
        discharge_steps="Warn the victim\nNotify the police\nConsider hospitalisation",
        notify="The victim and the police, by telephone",
        time_limits="oral report :: immediately\nwritten report :: 36h",
        citation="Cal. Civ. Code §43.92(b)",
        source_urls="https://leginfo.legislature.ca.gov/a\nhttps://example.org/b;c",
        verified_on="2026-11-01",
        verified_by="Counsel",
        verification="statute_text",
        verification_note="Read §43.92 on leginfo.",
        notes="Tarasoff line of cases.",
        change_note="Subsection (b) named.",
    )
    response = client.post(_url(draft), data)
    assert response.status_code == 302 and response.url == _url(draft)
    draft.refresh_from_db()
    assert draft.classification == "permissive"
    assert draft.professions == ["psychologist", "mft"]
    assert draft.discharge_steps == [
        "Warn the victim",
        "Notify the police",
        "Consider hospitalisation",
    ]
    assert [(t.label, t.when) for t in draft.limits] == [
        ("oral report", "immediately"),
        ("written report", "36h"),
    ]
    assert draft.source_urls == ["https://leginfo.legislature.ca.gov/a", "https://example.org/b;c"]
    assert (draft.verified_on.isoformat(), draft.verified_by, draft.verification) == (
        "2026-11-01",
        "Counsel",
        "statute_text",
    )
    assert (draft.notes, draft.change_note) == ("Tarasoff line of cases.", "Subsection (b) named.")


def test_it_goes_to_the_preview_after_save_and_preview(client, editor, draft):
    client.force_login(editor)
    response = client.post(_url(draft), form_data(draft, then="preview"))
    assert response.url == reverse("jurisdictions:preview", args=[draft.pk])


def test_it_shows_each_problem_beside_its_field_and_keeps_what_was_typed(client, editor, draft):
    client.force_login(editor)
    data = form_data(
        draft,
        trigger="",
        time_limits="a report within two days",
        source_urls="leginfo, somewhere",
        verified_on="30/11/2026",
        notes="Typed notes that must not be lost.",
    )
    response = client.post(_url(draft), data)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Trigger is empty." in html
    assert 'Time limits: "a report within two days :: " needs both a <what> and a <when>.' in html
    assert 'Source addresses has "leginfo, somewhere", which is not a web address.' in html
    assert 'Verified on "30/11/2026" is not a date (YYYY-MM-DD).' in html
    assert "Typed notes that must not be lost." in html and "a report within two days" in html
    draft.refresh_from_db()
    assert draft.trigger and draft.notes == ""  # nothing saved


def test_it_refuses_a_mandatory_rule_without_a_citation(client, editor, draft):
    client.force_login(editor)
    html = client.post(_url(draft), form_data(draft, citation="")).content.decode()
    assert "Citation is empty (only an unclear rule may have none)." in html


def test_it_refuses_a_verification_without_saying_what_was_checked(client, editor, draft):
    client.force_login(editor)
    data = form_data(draft, verification="statute_text", verification_note="")
    html = client.post(_url(draft), data).content.decode()
    assert "Verification note must say what was checked against what." in html


def test_it_refuses_no_profession(client, editor, draft):
    client.force_login(editor)
    data = form_data(draft)
    data.pop("professions")
    html = client.post(_url(draft), data).content.decode()
    assert "Professions is empty (list them, or write all)." in html


def test_it_refuses_to_edit_a_published_version_and_keeps_the_text(client, editor, rule):
    client.force_login(editor)
    response = client.post(_url(rule), form_data(rule, notes="Typed after publishing."))
    html = response.content.decode()
    assert "Not saved: Version 1 is published." in html and "Typed after publishing." in html
    rule.refresh_from_db()
    assert rule.notes == ""


def test_it_sends_a_published_version_back_to_the_rules_screen(client, editor, rule):
    client.force_login(editor)
    response = client.get(_url(rule))
    assert response.status_code == 302 and "jurisdiction=US-CA" in response.url


def test_it_audits_a_save_but_not_a_refused_one(client, editor, draft):
    client.force_login(editor)
    client.post(_url(draft), form_data(draft, trigger=""))
    assert not AuditEvent.objects.filter(action="admin", path=_url(draft)).exists()
    client.post(_url(draft), form_data(draft, notes="ok"))
    event = AuditEvent.objects.get(action="admin", path=_url(draft))
    assert "draft saved" in event.detail and "ok" not in event.detail.split(": ")[-1]


def test_it_keeps_the_published_version_unchanged_while_the_draft_changes(client, editor, draft):
    client.force_login(editor)
    client.post(_url(draft), form_data(draft, trigger="A changed trigger."))
    assert RuleVersion.objects.get(pk=draft.based_on_id).trigger.startswith("Your client")


def test_it_runs_a_fixed_number_of_queries(client, editor, draft):
    client.force_login(editor)
    client.get(_url(draft))
    with CaptureQueriesContext(connection) as queries:
        client.get(_url(draft))
    assert len(queries) <= 8, "\n".join(q["sql"][:120] for q in queries)
