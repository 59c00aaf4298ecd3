"""Publishing a draft: the change note, the draft checked whole again, the rule's previous
version retired; the published version then never changes (app and database), and
deliberations keep the version they showed while new ones show the new one."""

from __future__ import annotations

from html import unescape

import pytest
from django.db import ProgrammingError, connection, transaction
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import PinnedRule
from cases.services import deliberation_create
from jurisdictions.models import RuleVersion
from jurisdictions.services import rule_version_draft
from tests.jurisdictions.rules import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(rule, editor):
    return rule_version_draft(version=rule, user=editor)[0]


def _publish(client, version, note="Subsection named."):
    return client.post(reverse("jurisdictions:publish", args=[version.pk]), {"change_note": note})


def test_it_publishes_the_draft_and_retires_the_previous_version(client, editor, rule, draft):
    client.force_login(editor)
    response = _publish(client, draft)
    assert response.status_code == 302 and "jurisdiction=US-CA" in response.url
    draft.refresh_from_db()
    rule.refresh_from_db()
    assert (draft.status, draft.published_by, draft.change_note) == (
        "published",
        editor,
        "Subsection named.",
    )
    assert rule.status == "retired"


def test_it_asks_for_a_change_note(client, editor, draft):
    client.force_login(editor)
    response = _publish(client, draft, note="")
    assert response.status_code == 200 and b"This field is required." in response.content
    draft.refresh_from_db()
    assert draft.is_draft


def test_it_offers_the_change_note_typed_in_the_draft(client, editor, draft):
    client.force_login(editor)
    client.post(
        reverse("jurisdictions:edit", args=[draft.pk]), form_data(draft, change_note="Why.")
    )
    html = client.get(reverse("jurisdictions:publish", args=[draft.pk])).content.decode()
    assert ">\nWhy.</textarea>" in html


def test_it_refuses_to_publish_a_draft_that_is_no_longer_valid(client, editor, draft):
    RuleVersion.objects.filter(pk=draft.pk).update(trigger="")
    client.force_login(editor)
    response = _publish(client, draft)
    html = unescape(response.content.decode())
    assert "This draft can't be published yet:" in html and "trigger is empty." in html
    draft.refresh_from_db()
    assert draft.is_draft


def test_it_records_the_publication_in_the_audit_trail(client, editor, draft):
    client.force_login(editor)
    _publish(client, draft)
    url = reverse("jurisdictions:publish", args=[draft.pk])
    assert "US-CA duty_to_warn v2: published" in AuditEvent.objects.get(path=url).detail


def test_it_answers_a_second_publish_that_the_version_is_published(client, editor, draft):
    client.force_login(editor)
    _publish(client, draft)
    response = _publish(client, draft, note="Again")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.change_note == "Subsection named."


def test_it_leaves_the_published_version_unchangeable_by_the_app(client, editor, draft):
    client.force_login(editor)
    _publish(client, draft)
    response = client.post(
        reverse("jurisdictions:edit", args=[draft.pk]), form_data(draft, notes="Later.")
    )
    assert b"Not saved: Version 2 is published." in response.content
    draft.refresh_from_db()
    assert draft.notes == ""


def test_it_leaves_the_published_version_unchangeable_in_the_database(client, editor, draft):
    client.force_login(editor)
    _publish(client, draft)
    with (
        pytest.raises(ProgrammingError, match="Cannot update rows"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE jurisdictions_ruleversion SET trigger = 'x' WHERE id = %s", [draft.pk]
        )
    draft.refresh_from_db()
    assert draft.trigger.startswith("Your client")


def test_it_keeps_the_version_a_deliberation_showed_and_shows_new_ones_the_new_one(
    client, editor, rule, integrated, clinician
):
    clinician.clinic.jurisdiction = "US-CA"
    clinician.clinic.save()

    def imminent(title):
        return deliberation_create(
            owner=clinician,
            title=title,
            client_reference="CR-1",
            framework_version=integrated,
            urgency="imminent",
        )

    def fast_path(d) -> str:
        client.force_login(clinician)
        return client.get(reverse("cases:urgent", args=[d.pk])).content.decode()

    before = imminent("Before the correction")
    assert "Cal. Civ. Code §43.92 · " in fast_path(before)
    client.force_login(editor)
    draft = rule_version_draft(version=rule, user=editor)[0]
    client.post(
        reverse("jurisdictions:edit", args=[draft.pk]),
        form_data(draft, citation="Cal. Civ. Code §43.92(b) as corrected"),
    )
    _publish(client, draft)

    assert "as corrected" not in fast_path(before) and "version 1" in fast_path(before)
    assert PinnedRule.objects.get(deliberation=before).rule_version == rule
    after = imminent("After the correction")
    assert "Cal. Civ. Code §43.92(b) as corrected" in fast_path(after)
    assert PinnedRule.objects.get(deliberation=after).rule_version == draft
