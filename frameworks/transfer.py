"""Export a framework version as a JSON file and read one back, checking everything first."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils.text import slugify

from frameworks.definition import DefinitionError, validate
from frameworks.models import FrameworkVersion

FILE_FORMAT = "ethicsdesk-framework"
FORMAT_VERSION = 1


class ImportProblem(ValueError):
    """The file can't be imported; ``problems`` says why, one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class ImportedFramework:
    name: str
    slug: str
    summary: str
    definition: dict


def version_export(version: FrameworkVersion) -> dict:
    framework = version.framework
    return {
        "format": FILE_FORMAT,
        "format_version": FORMAT_VERSION,
        "framework": {"name": framework.name, "slug": framework.slug, "summary": framework.summary},
        "version": {
            "number": version.number,
            "status": version.status,
            "change_note": version.change_note,
            "published_at": version.published_at.isoformat() if version.published_at else None,
        },
        "definition": version.definition,
    }


def export_filename(version: FrameworkVersion) -> str:
    return f"ethicsdesk-framework-{version.framework.slug}-v{version.number}.json"


def _reject_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ImportProblem([f'The file has the key "{key}" twice in the same object.'])
        seen[key] = value
    return seen


def _reject_constant(name: str):
    raise ImportProblem([f"The file contains {name}, which is not a value a framework can hold."])


def _check_values(value, where: str = "the file", depth: int = 0) -> None:
    """Refuse text PostgreSQL can't store (NUL characters, lone surrogates) anywhere."""
    if depth > 40:
        raise ImportProblem(["The file is nested too deeply to be a framework."])
    if isinstance(value, str):
        if "\x00" in value:
            raise ImportProblem([f"{where} contains a NUL character."])
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ImportProblem([f"{where} contains an invalid character."]) from exc
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_values(key, where, depth + 1)
            _check_values(item, f'"{key}"' if isinstance(key, str) else where, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_values(item, where, depth + 1)


def parse_import(raw: bytes) -> ImportedFramework:
    """Read and check an uploaded file. Raises ImportProblem naming each problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            ["The file is not UTF-8 text; export it again from EthicsDesk."]
        ) from exc
    try:
        data = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            [f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."]
        ) from exc
    except RecursionError as exc:
        raise ImportProblem(["The file is nested too deeply to be a framework."]) from exc
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ImportProblem([f"The file holds a value EthicsDesk can't read: {exc}."]) from exc
    _check_values(data)
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise ImportProblem(
            [f'This is not an EthicsDesk framework file (no "format": "{FILE_FORMAT}").']
        )
    problems: list[str] = []
    if data.get("format_version") != FORMAT_VERSION:
        problems.append(f"Unsupported format_version {data.get('format_version')!r}.")
    meta = data.get("framework")
    if not isinstance(meta, dict):
        problems.append('The "framework" section (name, slug, summary) is missing.')
        meta = {}
    name = meta.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append('framework: "name" is missing or empty.')
    elif len(name) > 120:
        problems.append('framework: "name" is longer than 120 characters.')
    summary = meta.get("summary", "")
    if not isinstance(summary, str):
        problems.append('framework: "summary" must be text.')
    if "definition" not in data:
        problems.append('The "definition" section is missing.')
    else:
        try:
            validate(data["definition"])
        except DefinitionError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ImportProblem(problems)
    slug = slugify(meta.get("slug") or name)[:80] or "framework"
    return ImportedFramework(
        name=name.strip(), slug=slug, summary=summary or "", definition=data["definition"]
    )
