"""Importing a rule file through the browser: JSON or CSV, checked whole; nothing imported on
any error, each problem listed; changed rules published as new versions."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from jurisdictions.models import RuleVersion
from jurisdictions.rows import COLUMNS, cells_from_content
from jurisdictions.transfer import export_json
from tests.jurisdictions.rules import content, jurisdiction

pytestmark = pytest.mark.django_db
URL = reverse("jurisdictions:import")


def _csv(*rows: dict) -> bytes:
    lines = [",".join(COLUMNS)]
    for row in rows:
        cells = cells_from_content(jurisdiction=row["code"], duty=row["duty"], content=row["c"])
        lines.append(",".join('"' + cells[c].replace('"', '""') + '"' for c in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def _post(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_it_publishes_each_changed_rule_of_a_csv_table(client, editor, rule):
    jurisdiction("US-TX")
    client.force_login(editor)
    data = _csv(
        {"code": "US-CA", "duty": "duty_to_warn", "c": content(notes="Corrected.")},
        {"code": "US-TX", "duty": "duty_to_warn", "c": content(classification="permissive")},
    )
    response = _post(client, "rules.csv", data)
    assert response.status_code == 302
    assert RuleVersion.objects.get(rule=rule.rule, status="published").notes == "Corrected."
    assert RuleVersion.objects.filter(rule__jurisdiction__code="US-TX").count() == 1
    assert AuditEvent.objects.filter(action="admin", path=URL).exists()


def test_it_imports_nothing_when_one_row_is_wrong(client, editor, rule):
    client.force_login(editor)
    data = _csv(
        {"code": "US-CA", "duty": "duty_to_warn", "c": content(notes="Corrected.")},
        {"code": "US-CA", "duty": "child_abuse", "c": {**content(), "classification": "none"}},
    )
    response = _post(client, "rules.csv", data)
    html = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved. 1 problem:" in html
    assert "rules.csv line 3 (US-CA): classification" in html
    assert RuleVersion.objects.count() == 1
    assert not AuditEvent.objects.filter(action="admin", path=URL).exists()


def test_it_imports_a_json_rule_set_with_its_new_jurisdiction(client, editor, rule):
    exported = export_json([rule.rule])
    exported["jurisdictions"].append({"code": "AU-VIC", "name": "Victoria", "country": "AU"})
    exported["rules"].append(
        {
            "jurisdiction": "AU-VIC",
            "duty": "duty_to_warn",
            "versions": [{"number": 1, **{**rule.raw_content(), "classification": "unclear"}}],
        }
    )
    client.force_login(editor)
    response = _post(client, "rules.json", json.dumps(exported).encode())
    assert response.status_code == 302
    assert RuleVersion.objects.get(rule__jurisdiction__code="AU-VIC").classification == "unclear"
    assert RuleVersion.objects.filter(rule=rule.rule).count() == 1  # unchanged: nothing new


def test_it_refuses_a_file_that_is_neither_json_nor_csv(client, editor):
    client.force_login(editor)
    html = _post(client, "rules.xlsx", b"x").content.decode()
    assert "Choose a .json or a .csv file." in html


def test_it_names_a_file_that_is_not_a_rule_file(client, editor):
    client.force_login(editor)
    html = _post(client, "rules.json", b'{"format": "other"}').content.decode()
    assert "is not an EthicsDesk rule file" in html


def test_it_records_an_import_that_changed_no_rule(client, editor, rule):
    client.force_login(editor)
    _post(client, "rules.json", json.dumps(export_json([rule.rule])).encode())
    event = AuditEvent.objects.get(action="admin", path=URL)
    assert event.detail.endswith("import rules.json: 0 published")
