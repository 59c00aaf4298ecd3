"""The framework definition: the validated JSON a framework version holds.

A definition says which worksheet steps a framework has and in which order (each with its
title, guidance, prompts, the code provisions that apply and any questions the clinic
adds), and the principles, virtues and code provisions the steps draw on. The whole
definition is validated before anything is saved; every problem is reported by its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1

# The step kinds of the brief, in the integrated worksheet's order.
STEP_KINDS: dict[str, str] = {
    "dilemma": "The dilemma",
    "values_bias": "Own values and bias",
    "codes_law": "Codes and law",
    "stakeholders": "Stakeholders",
    "options": "Options",
    "principles": "Principles",
    "consequences": "Consequences",
    "character": "Character",
    "consultation": "Consultation",
    "decision": "Decision",
    "review_sign": "Review and sign",
    "follow_up": "Follow-up",
}
# A worksheet can't produce a signed rationale without these.
REQUIRED_KINDS = ("dilemma", "options", "decision", "review_sign")

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
# How citations name a code: "ACA", "APA", "NASW" (the first word of each citation part).
ABBR_RE = re.compile(r"^[A-Z][A-Za-z0-9]{0,11}$")
LIMITS = {"title": 120, "name": 80, "topic": 120, "citation": 120, "line": 600, "text": 6000}
MAX_ITEMS = 60


class DefinitionError(ValueError):
    """A definition that does not validate; ``problems`` names each problem by its place."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class _Checker:
    problems: list[str]

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, obj: dict, field: str, where: str, limit: str, required: bool = True) -> None:
        if field not in obj:
            if required:
                self.fail(where, f"'{field}' is missing")
            return
        value = obj[field]
        if not isinstance(value, str):
            self.fail(where, f"'{field}' must be text")
        elif required and not value.strip():
            self.fail(where, f"'{field}' must not be empty")
        elif len(value) > LIMITS[limit]:
            self.fail(where, f"'{field}' is longer than {LIMITS[limit]} characters")

    def keyed_list(self, data: dict, field: str, where: str) -> list[dict]:
        items = data.get(field)
        if not isinstance(items, list):
            self.fail(where, f"'{field}' must be a list")
            return []
        if len(items) > MAX_ITEMS:
            self.fail(where, f"'{field}' has more than {MAX_ITEMS} entries")
        good, seen = [], set()
        for index, item in enumerate(items, start=1):
            place = f"{field} #{index}"
            if not isinstance(item, dict):
                self.fail(place, "must be an object")
                continue
            key = item.get("key")
            if not isinstance(key, str) or not KEY_RE.match(key):
                self.fail(place, "'key' must be lower-case letters, digits, '-' or '_'")
                continue
            if key in seen:
                self.fail(place, f"duplicate key '{key}'")
                continue
            seen.add(key)
            good.append(item)
        return good

    def string_list(self, obj: dict, field: str, where: str) -> list[str]:
        value = obj.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, f"'{field}' must be a list of text")
            return []
        if len(value) > MAX_ITEMS:
            self.fail(where, f"'{field}' has more than {MAX_ITEMS} entries")
        for v in value:
            if len(v) > LIMITS["line"]:
                limit = LIMITS["line"]
                self.fail(where, f"an entry of '{field}' is longer than {limit} characters")
        return value


def _check_codes(check: _Checker, codes: Any) -> None:
    """The optional list of codes a definition cites, each with the edition it cites."""
    if not isinstance(codes, list):
        check.fail("definition", "'codes' must be a list")
        return
    seen: set[str] = set()
    for n, code in enumerate(codes, 1):
        where = f"code #{n}"
        if not isinstance(code, dict):
            check.fail(where, "must be an object")
            continue
        abbr = code.get("abbr")
        if not isinstance(abbr, str) or not ABBR_RE.match(abbr):
            check.fail(where, "'abbr' must be how citations name the code, e.g. ACA")
            continue
        if abbr in seen:
            check.fail(where, f"a second code '{abbr}'")
            continue
        seen.add(abbr)
        check.text(code, "name", f"code '{abbr}'", "title")
        check.text(code, "edition", f"code '{abbr}'", "name")
        check.text(code, "source", f"code '{abbr}'", "line", required=False)
        check.text(code, "checked", f"code '{abbr}'", "name", required=False)


def validate(data: Any) -> dict:
    """Return the definition if it is valid; raise DefinitionError listing every problem."""
    check = _Checker([])
    if not isinstance(data, dict):
        raise DefinitionError(["definition: must be a JSON object"])
    if data.get("schema_version") != SCHEMA_VERSION:
        check.fail("definition", f"'schema_version' must be {SCHEMA_VERSION}")

    principles = check.keyed_list(data, "principles", "definition")
    for p in principles:
        check.text(p, "name", f"principle '{p['key']}'", "name")
        check.text(p, "definition", f"principle '{p['key']}'", "line")
    virtues = check.keyed_list(data, "virtues", "definition")
    for v in virtues:
        check.text(v, "name", f"virtue '{v['key']}'", "name")
        check.text(v, "definition", f"virtue '{v['key']}'", "line")
    provisions = check.keyed_list(data, "provisions", "definition")
    for p in provisions:
        where = f"provision '{p['key']}'"
        check.text(p, "topic", where, "topic")
        check.text(p, "text", where, "text")
        check.text(p, "citation", where, "citation")
        if not isinstance(p.get("safety_duty", False), bool):
            check.fail(where, "'safety_duty' must be true or false")
    provision_keys = {p["key"] for p in provisions}

    steps = check.keyed_list(data, "steps", "definition")
    kinds_seen: set[str] = set()
    for step in steps:
        where = f"step '{step['key']}'"
        kind = step.get("kind")
        if not isinstance(kind, str) or kind not in STEP_KINDS:
            check.fail(where, f"unknown step kind {kind!r}")
        elif kind in kinds_seen:
            check.fail(where, f"a second '{kind}' step (each kind appears at most once)")
        else:
            kinds_seen.add(kind)
        check.text(step, "title", where, "title")
        check.text(step, "guidance", where, "text", required=False)
        check.string_list(step, "prompts", where)
        for ref in check.string_list(step, "provisions", where):
            if ref not in provision_keys:
                check.fail(where, f"refers to an unknown provision '{ref}'")
        questions = step.get("questions", [])
        if not isinstance(questions, list):
            check.fail(where, "'questions' must be a list")
            continue
        qkeys: set[str] = set()
        for n, q in enumerate(questions, 1):
            qwhere = f"{where} question #{n}"
            if not isinstance(q, dict):
                check.fail(qwhere, "must be an object")
                continue
            if not isinstance(q.get("key"), str) or not KEY_RE.match(q["key"]):
                check.fail(qwhere, "'key' must be lower-case letters, digits, '-' or '_'")
            elif q["key"] in qkeys:
                check.fail(qwhere, f"duplicate key '{q['key']}'")
            else:
                qkeys.add(q["key"])
            check.text(q, "text", qwhere, "line")
    if steps and not check.problems:
        for kind in REQUIRED_KINDS:
            if kind not in kinds_seen:
                check.fail("definition", f"needs a '{kind}' step ({STEP_KINDS[kind]})")
    if "principles" in kinds_seen and not principles:
        check.fail("definition", "has a principles step but no principles")
    if "character" in kinds_seen and not virtues:
        check.fail("definition", "has a character step but no virtues")
    if not steps and not check.problems:
        check.fail("definition", "has no steps")
    _check_codes(check, data.get("codes", []))
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        check.fail("definition", "'sources' must be a list of text")
    if check.problems:
        raise DefinitionError(check.problems)
    return data
