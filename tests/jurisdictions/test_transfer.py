"""Import and export of rules: JSON (every rule with its versions) and the CSV table, each
checked whole before anything is saved."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jurisdictions.loader import BUILTIN_DIR
from jurisdictions.models import Rule, RuleVersion
from jurisdictions.rows import RuleDataError
from jurisdictions.selectors import published_versions, rules_with_versions
from jurisdictions.services import rules_import
from jurisdictions.transfer import export_json, write_csv
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db


def _wipe() -> None:
    """Empty the rule tables (published versions are protected: only a test may do this)."""
    with (
        pgtrigger.ignore("jurisdictions.RuleVersion:published_rule_not_deleted"),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM jurisdictions_ruleversion")
    Rule.objects.all().delete()


def _versions(data: dict) -> list:
    return [
        (r["jurisdiction"], r["duty"], [{**v, "published_at": None} for v in r["versions"]])
        for r in data["rules"]
    ]


def test_it_round_trips_a_rule_set_with_its_versions_through_json():
    publish(citation="Cal. Civ. Code §43.92 (1985)")
    publish(citation="Cal. Civ. Code §43.92", time_limits=[{"label": "report", "when": "36h"}])
    publish(code="US-TX", duty="child_abuse", classification="unclear", citation="")
    before = export_json(list(rules_with_versions()))
    _wipe()
    rules_import(raw=json.dumps(before), name="rules.json")
    assert _versions(export_json(list(rules_with_versions()))) == _versions(before)


def _table(text: str) -> list[dict]:
    return sorted(csv.DictReader(io.StringIO(text)), key=lambda row: row["jurisdiction"])


def test_it_round_trips_the_builtin_tables_through_csv(builtin_rules):
    for path in sorted(BUILTIN_DIR.glob("*.csv")):
        exported = write_csv(published_versions(duty=path.stem))
        assert _table(exported) == _table(path.read_text()), path.name


def test_it_publishes_nothing_when_an_export_is_imported_again():
    publish(citation="Cal. Civ. Code §43.92 (1985)")
    publish(citation="Cal. Civ. Code §43.92")
    data = json.dumps(export_json(list(rules_with_versions())))
    assert rules_import(raw=data, name="rules.json").published == []


def test_it_publishes_only_the_versions_after_the_one_held():
    first = publish(citation="first")
    data = export_json(list(rules_with_versions()))
    later = {**data["rules"][0]["versions"][0], "number": 2, "citation": "second"}
    data["rules"][0]["versions"].append(later)
    result = rules_import(raw=json.dumps(data), name="rules.json")
    assert [v.citation for v in result.published] == ["second"] and first.number == 1


def test_it_publishes_an_imported_csv_row_as_a_new_version():
    version = publish()
    table = write_csv([version]).replace("Notify the police", "Notify the sheriff")
    result = rules_import(raw=table.encode(), name="table.csv")
    assert [v.number for v in result.published] == [2]


def test_it_imports_nothing_when_one_rule_of_the_file_is_wrong():
    publish()
    data = export_json(list(rules_with_versions()))
    data["rules"].append({"jurisdiction": "US-CA", "duty": "elder_abuse", "versions": [{}]})
    data["rules"][0]["versions"][0]["notes"] = "changed"
    with pytest.raises(RuleDataError, match="rule 2"):
        rules_import(raw=json.dumps(data), name="rules.json")
    assert RuleVersion.objects.count() == 1


def test_it_refuses_a_file_that_is_not_a_rule_set():
    with pytest.raises(RuleDataError, match="not an EthicsDesk rule file"):
        rules_import(raw=b'{"format": "ethicsdesk-framework"}', name="x.json")


def test_it_refuses_a_key_given_twice():
    with pytest.raises(RuleDataError, match="twice"):
        rules_import(raw=b'{"format": "a", "format": "b"}', name="x.json")


def test_it_exports_and_imports_through_the_commands(tmp_path):
    publish()
    target = tmp_path / "rules.json"
    call_command("export_rules", output=str(target))
    _wipe()
    call_command("import_rules", str(target), stdout=StringIO())
    assert RuleVersion.objects.get().citation == "Cal. Civ. Code §43.92"


def test_it_says_through_the_command_why_an_import_was_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("jurisdiction\nUS-CA\n")
    with pytest.raises(CommandError, match="nothing saved"):
        call_command("import_rules", str(bad), stdout=StringIO())
