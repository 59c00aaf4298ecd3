"""One rule's content, checked whole: the columns of the data format
(/docs/jurisdictions.md), as a CSV row or as the structured JSON of an export.

Both readers turn their input into the same structured dict and call ``check_content``, so a
rule means the same thing whichever way it arrived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from jurisdictions.kinds import ALL_PROFESSIONS, PROFESSIONS, Classification, DutyKind, Verification
from jurisdictions.timelimits import ENTRY_SEPARATOR, TimeLimit, TimeLimitError

COLUMNS = (
    "jurisdiction",
    "duty",
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
)
CODE_PATTERN = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_URL = re.compile(r"^https?://\S+$")
_URL_SPLIT = re.compile(r"\s+;\s*|\s*;\s+")
STEP_SEPARATOR = " | "
URL_SEPARATOR = " ; "
PROFESSION_SEPARATOR = ";"
_LONGEST = 20000


class RuleDataError(ValueError):
    """The data can't be loaded; ``problems`` names each one (file, line, column)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class RuleRow:
    jurisdiction: str
    duty: str
    content: dict  # RuleVersion's CONTENT_FIELDS as the model stores them


def _text(raw: dict, name: str, where: str, problems: list[str]) -> str:
    value = raw.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(f"{where}: {name} must be text.")
        return ""
    if "\x00" in value:
        problems.append(f"{where}: {name} contains a NUL character.")
        return ""
    if len(value) > _LONGEST:
        problems.append(f"{where}: {name} is longer than {_LONGEST} characters.")
    return value.strip()


def _texts(raw: dict, name: str, where: str, problems: list[str]) -> list[str]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f"{where}: {name} must be a list of texts.")
        return []
    if any("\x00" in item for item in value):
        problems.append(f"{where}: {name} contains a NUL character.")
        return []
    return [item.strip() for item in value if item.strip()]


def check_key(raw: dict, where: str, problems: list[str], *, known_codes: set[str]) -> tuple:
    code = _text(raw, "jurisdiction", where, problems)
    duty = _text(raw, "duty", where, problems)
    if not CODE_PATTERN.match(code):
        problems.append(f'{where}: jurisdiction "{code}" is not a code like US-CA or GB-ENG.')
    elif code not in known_codes:
        problems.append(f'{where}: jurisdiction "{code}" is not a known jurisdiction.')
    if duty not in DutyKind.values:
        problems.append(f'{where}: duty "{duty}" is not one of {", ".join(DutyKind.values)}.')
    return code, duty


def check_content(raw: dict, where: str, problems: list[str]) -> dict:
    """The structured content of one rule, checked; problems are appended, never raised."""
    content: dict = {}
    classification = _text(raw, "classification", where, problems)
    if classification not in Classification.values:
        problems.append(
            f'{where}: classification "{classification}" is not one of '
            f'{", ".join(Classification.values)} (never "no duty": use unclear).'
        )
    content["classification"] = classification
    professions = _texts(raw, "professions", where, problems)
    if professions == [ALL_PROFESSIONS]:
        pass
    elif not professions:
        problems.append(f"{where}: professions is empty (list them, or write all).")
    else:
        unknown = [p for p in professions if p not in PROFESSIONS]
        if unknown:
            problems.append(
                f"{where}: professions has {', '.join(unknown)}, not one of "
                f"{', '.join(PROFESSIONS)} or all."
            )
    content["professions"] = professions
    for name in ("trigger", "notify", "citation", "verified_by", "verification_note", "notes"):
        content[name] = _text(raw, name, where, problems)
    if not content["trigger"]:
        problems.append(f"{where}: trigger is empty.")
    if not content["citation"] and classification != Classification.UNCLEAR:
        problems.append(f"{where}: citation is empty (only an unclear rule may have none).")
    if len(content["verified_by"]) > 200:
        problems.append(f"{where}: verified_by is longer than 200 characters.")
    content["discharge_steps"] = _texts(raw, "discharge_steps", where, problems)
    content["source_urls"] = _texts(raw, "source_urls", where, problems)
    for url in content["source_urls"]:
        if not _URL.match(url):
            problems.append(f'{where}: source_urls has "{url}", which is not a web address.')
    content["time_limits"] = []
    limits = raw.get("time_limits", [])
    if not isinstance(limits, list):
        problems.append(f"{where}: time_limits must be a list.")
        limits = []
    for item in limits:
        try:
            if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("label", "when")
            ):
                raise TimeLimitError(f"{item!r} is not a label and a when.")
            limit = TimeLimit.parse(f"{item['label']} :: {item['when']}")
        except TimeLimitError as exc:
            problems.append(f"{where}: time_limits: {exc}")
            continue
        content["time_limits"].append(limit.to_json())
    content["verified_on"] = None
    verified_on = _text(raw, "verified_on", where, problems)
    if verified_on:
        try:
            content["verified_on"] = date.fromisoformat(verified_on)
        except ValueError:
            problems.append(f'{where}: verified_on "{verified_on}" is not a date (YYYY-MM-DD).')
        else:
            if content["verified_on"] > timezone.localdate():
                problems.append(f"{where}: verified_on {verified_on} is in the future.")
    verification = _text(raw, "verification", where, problems)
    if verification not in Verification.values:
        problems.append(
            f'{where}: verification "{verification}" is not one of '
            f"{', '.join(Verification.values)}."
        )
    elif verification != Verification.UNVERIFIED and not content["verification_note"]:
        problems.append(f"{where}: verification_note must say what was checked against what.")
    content["verification"] = verification
    return content


def structured_from_cells(cells: dict[str, str]) -> dict:
    """A CSV row's cells as the structured dict ``check_content`` reads."""
    raw: dict = dict(cells)
    raw["professions"] = [p.strip() for p in cells["professions"].split(PROFESSION_SEPARATOR)]
    raw["discharge_steps"] = cells["discharge_steps"].split(STEP_SEPARATOR.strip())
    # Addresses may hold ";" themselves: only a ";" beside a space separates them.
    raw["source_urls"] = _URL_SPLIT.split(cells["source_urls"])
    raw["time_limits"] = []
    for entry in cells["time_limits"].split(ENTRY_SEPARATOR.strip()):
        if entry.strip():
            label, _, when = entry.partition("::")
            raw["time_limits"].append({"label": label.strip(), "when": when.strip()})
    return raw


def cells_from_content(*, jurisdiction: str, duty: str, content: dict) -> dict[str, str]:
    """A version's content as the CSV columns (the inverse of ``structured_from_cells``)."""
    limits = [TimeLimit.from_json(item) for item in content["time_limits"]]
    return {
        "jurisdiction": jurisdiction,
        "duty": duty,
        "classification": content["classification"],
        "professions": PROFESSION_SEPARATOR.join(content["professions"]),
        "trigger": content["trigger"],
        "discharge_steps": STEP_SEPARATOR.join(content["discharge_steps"]),
        "notify": content["notify"],
        "time_limits": ENTRY_SEPARATOR.join(f"{t.label} :: {t.when}" for t in limits),
        "citation": content["citation"],
        "source_urls": URL_SEPARATOR.join(content["source_urls"]),
        "verified_on": content["verified_on"].isoformat() if content["verified_on"] else "",
        "verified_by": content["verified_by"],
        "verification": content["verification"],
        "verification_note": content["verification_note"],
        "notes": content["notes"],
    }
