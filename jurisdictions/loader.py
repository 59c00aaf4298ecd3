"""The built-in rules: jurisdictions/builtin/*.csv (one file per duty kind, in the format of
docs/jurisdictions.md) and the names of the jurisdictions (builtin/jurisdictions.json)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from jurisdictions.kinds import DutyKind, Origin
from jurisdictions.rows import RuleDataError, RuleRow
from jurisdictions.services import ApplyResult, jurisdictions_ensure, rules_apply
from jurisdictions.transfer import read_csv

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"


def builtin_jurisdictions(directory: Path = BUILTIN_DIR) -> list[dict]:
    return json.loads((directory / "jurisdictions.json").read_text())["jurisdictions"]


def builtin_rows(directory: Path = BUILTIN_DIR) -> list[RuleRow]:
    """Every row of every rule file present, checked whole: all problems of all files at once.

    A file named after a duty kind (child_abuse.csv) may hold only that duty."""
    known = {j["code"] for j in builtin_jurisdictions(directory)}
    rows: list[RuleRow] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.csv")):
        duty = path.stem if path.stem in DutyKind.values else None
        try:
            rows.extend(read_csv(path.read_bytes(), name=path.name, known_codes=known, duty=duty))
        except RuleDataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RuleDataError(problems)
    return rows


@transaction.atomic
def builtin_rules_load(directory: Path = BUILTIN_DIR) -> ApplyResult:
    """Create or update the built-in rules. Idempotent: an unchanged row adds nothing; a
    changed row publishes a new version (deliberations keep the versions they pinned). A bad
    row anywhere raises RuleDataError naming it, and nothing is saved."""
    rows = builtin_rows(directory)
    jurisdictions_ensure(items=builtin_jurisdictions(directory))
    return rules_apply(
        rules=[(row.jurisdiction, row.duty, [("", row.content)]) for row in rows],
        origin=Origin.BUILTIN,
    )
