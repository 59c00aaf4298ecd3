"""Rule data in and out: the CSV table (the data format's columns) and the JSON rule set
(every rule with all its versions). Readers check everything and name every problem before
anything is saved (like frameworks/transfer.py)."""

from __future__ import annotations

import csv
import io
import json

from jurisdictions.kinds import VersionStatus
from jurisdictions.models import CONTENT_FIELDS, Rule, RuleVersion
from jurisdictions.rows import (
    COLUMNS,
    RuleDataError,
    RuleRow,
    cells_from_content,
    check_content,
    check_key,
    structured_from_cells,
)

FILE_FORMAT = "ethicsdesk-jurisdiction-rules"
FORMAT_VERSION = 1
MAX_BYTES = 5_000_000


def _decode(raw: bytes | str, name: str) -> str:
    if isinstance(raw, str):
        return raw
    if len(raw) > MAX_BYTES:
        raise RuleDataError([f"{name} is larger than {MAX_BYTES // 1_000_000} MB."])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleDataError([f"{name} is not UTF-8 text."]) from exc


# -- CSV ----------------------------------------------------------------------------------


def read_csv(
    raw: bytes | str, *, name: str, known_codes: set[str], duty: str | None = None
) -> list[RuleRow]:
    """Every row of a rule table, checked whole. ``duty``: the one duty the file may hold."""
    text = _decode(raw, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise RuleDataError([f"{name} is empty."])
        if tuple(h.strip() for h in header) != COLUMNS:
            raise RuleDataError([f"{name}: the header must be exactly: {','.join(COLUMNS)}."])
        problems: list[str] = []
        rows: list[RuleRow] = []
        seen: dict[tuple, int] = {}
        for cells in reader:
            line = reader.line_num
            where = f"{name} line {line}"
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(COLUMNS):
                problems.append(f"{where}: {len(cells)} columns, not {len(COLUMNS)}.")
                continue
            raw_row = structured_from_cells(dict(zip(COLUMNS, cells, strict=True)))
            code, kind = check_key(raw_row, where, problems, known_codes=known_codes)
            where = f"{where} ({code})"
            if duty is not None and kind != duty:
                problems.append(f'{where}: duty "{kind}" in a file of {duty} rules.')
            if (code, kind) in seen:
                problems.append(f"{where}: a second {kind} row (first on line {seen[code, kind]}).")
            seen[code, kind] = line
            rows.append(RuleRow(code, kind, check_content(raw_row, where, problems)))
    except csv.Error as exc:
        raise RuleDataError([f"{name} is not a readable CSV file: {exc}."]) from exc
    if problems:
        raise RuleDataError(problems)
    return rows


def write_csv(versions: list[RuleVersion]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for version in versions:
        cells = cells_from_content(
            jurisdiction=version.rule.jurisdiction.code,
            duty=version.rule.duty,
            content=version.content(),
        )
        writer.writerow([cells[c] for c in COLUMNS])
    return out.getvalue()


# -- JSON ---------------------------------------------------------------------------------


def export_json(rules: list[Rule]) -> dict:
    """Every rule with every published or retired version (drafts are work in progress)."""
    jurisdictions = {rule.jurisdiction.code: rule.jurisdiction for rule in rules}
    return {
        "format": FILE_FORMAT,
        "format_version": FORMAT_VERSION,
        "jurisdictions": [
            {"code": j.code, "name": j.name, "country": j.country}
            for j in sorted(jurisdictions.values(), key=lambda j: j.code)
        ],
        "rules": [
            {
                "jurisdiction": rule.jurisdiction.code,
                "duty": rule.duty,
                "versions": [
                    {
                        "number": v.number,
                        "status": v.status,
                        "change_note": v.change_note,
                        "published_at": v.published_at.isoformat() if v.published_at else None,
                        **v.raw_content(),
                    }
                    for v in sorted(rule.versions.all(), key=lambda v: v.number)
                    if v.status != VersionStatus.DRAFT
                ],
            }
            for rule in rules
        ],
    }


def export_text(*, file_format: str, duty: str | None = None) -> str:
    """What an export holds: JSON, every rule with its published and retired versions; CSV,
    the current version of each rule (of ``duty`` only, when given) in the format's columns."""
    from jurisdictions.selectors import published_versions, rules_with_versions

    if file_format == "csv":
        return write_csv(published_versions(duty=duty))
    return json.dumps(export_json(list(rules_with_versions())), indent=1) + "\n"


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise RuleDataError([f'The file has the key "{key}" twice in the same object.'])
        seen[key] = value
    return seen


def read_json(raw: bytes | str, *, name: str, known_codes: set[str]) -> tuple[list, list]:
    """(jurisdictions, [(jurisdiction, duty, [(change_note, content), ...]), ...]), checked
    whole. Versions come in number order; each becomes a published version on import."""
    text = _decode(raw, name)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        if isinstance(exc, RuleDataError):
            raise
        raise RuleDataError([f"{name} is not valid JSON: {exc}."]) from exc
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise RuleDataError([f'{name} is not an EthicsDesk rule file ("format": "{FILE_FORMAT}").'])
    problems: list[str] = []
    if data.get("format_version") != FORMAT_VERSION:
        problems.append(f"Unsupported format_version {data.get('format_version')!r}.")
    jurisdictions = []
    for index, item in enumerate(data.get("jurisdictions") or [], start=1):
        where = f"{name} jurisdiction {index}"
        ok = isinstance(item, dict) and all(
            isinstance(item.get(k), str) and item.get(k).strip()
            for k in ("code", "name", "country")
        )
        if not ok:
            problems.append(f"{where}: needs code, name and country.")
            continue
        jurisdictions.append({k: item[k].strip() for k in ("code", "name", "country")})
    codes = known_codes | {j["code"] for j in jurisdictions}
    rules = []
    if not isinstance(data.get("rules"), list):
        problems.append(f'{name}: "rules" is missing.')
    for index, item in enumerate(data.get("rules") or [], start=1):
        where = f"{name} rule {index}"
        if not isinstance(item, dict) or not isinstance(item.get("versions"), list):
            problems.append(f"{where}: needs jurisdiction, duty and versions.")
            continue
        code, duty = check_key(item, where, problems, known_codes=codes)
        versions = []
        for v in sorted(
            item["versions"], key=lambda v: v.get("number", 0) if isinstance(v, dict) else 0
        ):
            vwhere = (
                f"{where} ({code} {duty}) version {v.get('number') if isinstance(v, dict) else '?'}"
            )
            if not isinstance(v, dict):
                problems.append(f"{vwhere}: not an object.")
                continue
            note = v.get("change_note", "")
            versions.append(
                (note if isinstance(note, str) else "", check_content(v, vwhere, problems))
            )
        rules.append((code, duty, versions))
    if problems:
        raise RuleDataError(problems)
    return jurisdictions, rules


__all__ = [
    "CONTENT_FIELDS",
    "RuleDataError",
    "export_json",
    "export_text",
    "read_csv",
    "read_json",
    "write_csv",
]
