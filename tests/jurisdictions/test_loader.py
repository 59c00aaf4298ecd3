"""The loader of jurisdictions/builtin/*.csv: every row checked whole, nothing saved on a bad
row, idempotent, a changed row becomes a new published version."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jurisdictions.kinds import DutyKind
from jurisdictions.loader import BUILTIN_DIR, builtin_rules_load
from jurisdictions.models import Rule, RuleVersion
from jurisdictions.rows import COLUMNS, RuleDataError
from jurisdictions.services import rule_version_draft, rule_version_publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = [
    {"code": "US-CA", "name": "California", "country": "US"},
    {"code": "US-TX", "name": "Texas", "country": "US"},
]


def _row(code: str, duty: str, **changes) -> dict:
    return {
        "jurisdiction": code,
        "duty": duty,
        "classification": "mandatory",
        "professions": "all",
        "trigger": "You suspect a child is abused or neglected.",
        "discharge_steps": "Phone the county agency | Send the written report",
        "notify": "County child welfare agency",
        "time_limits": "oral report :: immediately | written report :: 36h",
        "citation": "Cal. Penal Code §11166",
        "source_urls": "https://leginfo.legislature.ca.gov/ ; https://www.childwelfare.gov/",
        "verified_on": "2026-11-30",
        "verified_by": "EthicsDesk team",
        "verification": "statute_text",
        "verification_note": "Section and 36 hours read on leginfo.",
        "notes": "",
        **changes,
    }


def _write(directory: Path, duty: str, rows: list[dict]) -> None:
    with (directory / f"{duty}.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "jurisdictions.json").write_text(json.dumps({"jurisdictions": NAMES}))
    _write(tmp_path, "child_abuse", [_row("US-CA", "child_abuse"), _row("US-TX", "child_abuse")])
    _write(tmp_path, "duty_to_warn", [_row("US-CA", "duty_to_warn")])
    return tmp_path


def test_it_publishes_version_one_of_each_row(data):
    builtin_rules_load(data)
    assert sorted(RuleVersion.objects.values_list("number", "status")) == [(1, "published")] * 3


def test_it_does_nothing_the_second_time(data):
    builtin_rules_load(data)
    assert builtin_rules_load(data).published == []


def test_it_publishes_a_new_version_of_a_changed_row_only(data):
    builtin_rules_load(data)
    _write(
        data,
        "child_abuse",
        [
            _row("US-CA", "child_abuse", notify="County agency or police"),
            _row("US-TX", "child_abuse"),
        ],
    )
    result = builtin_rules_load(data)
    assert [(v.rule.jurisdiction.code, v.number) for v in result.published] == [("US-CA", 2)]


def test_it_retires_the_version_the_changed_row_replaces(data):
    builtin_rules_load(data)
    _write(data, "duty_to_warn", [_row("US-CA", "duty_to_warn", notes="Amended 2026.")])
    builtin_rules_load(data)
    statuses = RuleVersion.objects.filter(rule__duty="duty_to_warn").order_by("number")
    assert [v.status for v in statuses] == ["retired", "published"]


def test_it_names_a_bad_row_and_saves_nothing(data):
    _write(
        data,
        "child_abuse",
        [_row("US-CA", "child_abuse"), _row("US-TX", "child_abuse", classification="no duty")],
    )
    with pytest.raises(RuleDataError, match=r"child_abuse.csv line 3 \(US-TX\): classification"):
        builtin_rules_load(data)
    assert not Rule.objects.exists()


def test_it_names_every_problem_of_every_file_at_once(data):
    _write(data, "child_abuse", [_row("US-CA", "child_abuse", verified_on="30/11/2026")])
    _write(data, "duty_to_warn", [_row("US-NY", "duty_to_warn")])
    with pytest.raises(RuleDataError) as caught:
        builtin_rules_load(data)
    assert len(caught.value.problems) == 2


def test_it_refuses_a_row_of_another_duty_in_a_duty_file(data):
    _write(data, "duty_to_warn", [_row("US-CA", "child_abuse")])
    with pytest.raises(RuleDataError, match="in a file of duty_to_warn rules"):
        builtin_rules_load(data)


def test_it_refuses_a_time_limit_without_a_when(data):
    _write(data, "duty_to_warn", [_row("US-CA", "duty_to_warn", time_limits="oral report")])
    with pytest.raises(RuleDataError, match="time_limits"):
        builtin_rules_load(data)


def test_it_refuses_a_file_with_other_columns(data):
    (data / "elder_abuse.csv").write_text("state,duty\nUS-CA,elder_abuse\n")
    with pytest.raises(RuleDataError, match="elder_abuse.csv: the header"):
        builtin_rules_load(data)


def test_it_keeps_a_version_published_by_hand_when_the_data_is_unchanged(data):
    builtin_rules_load(data)
    user = UserFactory()
    first = RuleVersion.objects.get(rule__duty="duty_to_warn")
    draft, _ = rule_version_draft(version=first, user=user)
    rule_version_publish(version=draft, user=user, change_note="Checked locally.")
    builtin_rules_load(data)
    assert RuleVersion.objects.get(rule__duty="duty_to_warn", status="published").pk == draft.pk


def test_it_loads_every_builtin_file_for_every_us_state_and_dc():
    builtin_rules_load()
    present = [kind for kind in DutyKind.values if (BUILTIN_DIR / f"{kind}.csv").exists()]
    for kind in present:
        codes = set(Rule.objects.filter(duty=kind).values_list("jurisdiction__code", flat=True))
        assert len({c for c in codes if c.startswith("US-")}) == 51, kind


def test_it_never_stores_no_duty_for_a_builtin_rule():
    builtin_rules_load()
    assert set(RuleVersion.objects.values_list("classification", flat=True)) <= {
        "mandatory",
        "permissive",
        "unclear",
    }


def test_it_says_through_the_command_why_nothing_was_loaded(data, monkeypatch):
    _write(data, "duty_to_warn", [_row("US-CA", "duty_to_warn", professions="nurse")])
    monkeypatch.setattr(
        "jurisdictions.management.commands.load_rules.builtin_rules_load",
        lambda: builtin_rules_load(data),
    )
    with pytest.raises(CommandError, match="nothing saved"):
        call_command("load_rules", stdout=StringIO())
