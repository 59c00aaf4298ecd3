"""Exporting the rules through the browser: JSON (every rule, every published and retired
version) or the CSV table (current versions, optionally of one duty); audited as exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jurisdictions.rows import COLUMNS
from jurisdictions.services import rule_version_draft
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db
URL = reverse("jurisdictions:export")


def test_it_offers_the_formats(client, editor):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "?format=json" in html and "?format=csv&amp;duty=child_abuse" in html


def test_it_exports_every_published_version_as_json_but_no_draft(client, editor, rule):
    newer = publish(notes="Second.")
    rule_version_draft(version=newer, user=editor)
    client.force_login(editor)
    response = client.get(URL, {"format": "json"})
    assert response["Content-Disposition"].startswith('attachment; filename="ethicsdesk-rules-')
    data = json.loads(response.content)
    assert [v["number"] for v in data["rules"][0]["versions"]] == [1, 2]


def test_it_exports_the_current_versions_of_one_duty_as_csv(client, editor, rule):
    publish(duty="child_abuse", citation="Cal. Penal Code §11166")
    client.force_login(editor)
    response = client.get(URL, {"format": "csv", "duty": "child_abuse"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 2 and rows[1][1] == "child_abuse"


def test_it_records_the_export(client, editor, rule):
    client.force_login(editor)
    client.get(URL, {"format": "csv"})
    assert AuditEvent.objects.filter(action="export", path=URL).exists()


def test_it_answers_404_for_an_unknown_format_or_duty(client, editor):
    client.force_login(editor)
    assert client.get(URL, {"format": "xlsx"}).status_code == 404
    assert client.get(URL, {"format": "csv", "duty": "other"}).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
