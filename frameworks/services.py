"""Writes for frameworks: the built-in loader, cloning, draft edits, publishing, import."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Clinic, User
from cases.steps import HANDLERS
from frameworks.definition import SCHEMA_VERSION, STEP_KINDS, DefinitionError, validate
from frameworks.models import Framework, FrameworkVersion, VersionStatus
from frameworks.transfer import ImportedFramework

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
BUILTIN_FILES = ("integrated", "principles", "stakeholders", "utilitarian", "virtue")


class FrameworkLocked(Exception):
    """Raised when a change is asked of a version that is no longer a draft."""


# -- built-in frameworks ------------------------------------------------------------------


def builtin_definitions() -> list[dict]:
    common = json.loads((BUILTIN_DIR / "common.json").read_text())
    result = []
    for name in BUILTIN_FILES:
        spec = json.loads((BUILTIN_DIR / f"{name}.json").read_text())
        definition = validate({"schema_version": SCHEMA_VERSION, "steps": spec["steps"], **common})
        result.append({**spec, "definition": definition})
    return result


@transaction.atomic
def builtin_frameworks_load() -> list[Framework]:
    """Create or update the built-in frameworks. Idempotent: unchanged content adds nothing.

    Changed content becomes a new published version; deliberations keep the one they pinned.
    """
    frameworks = []
    Framework.objects.filter(clinic=None, is_builtin_default=True).exclude(
        slug__in=[s["slug"] for s in builtin_definitions() if s.get("is_default")]
    ).update(is_builtin_default=False)
    for spec in builtin_definitions():
        framework, _ = Framework.objects.update_or_create(
            clinic=None,
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "summary": spec["summary"],
                "is_builtin_default": bool(spec.get("is_default")),
                "suggested_for": spec.get("suggested_for") or "",
            },
        )
        latest = framework.versions.order_by("-number").first()
        if latest is None or latest.definition != spec["definition"]:
            now = timezone.now()
            FrameworkVersion.objects.create(
                framework=framework,
                number=(latest.number + 1) if latest else 1,
                status=VersionStatus.PUBLISHED,
                definition=spec["definition"],
                # Each built-in file says what its latest change was and why.
                change_note="Built-in content."
                if latest is None
                else spec.get("change_note") or "Built-in content updated.",
                published_at=now,
            )
        frameworks.append(framework)
    return frameworks


# -- cloning and drafts -------------------------------------------------------------------


def _next_number(framework: Framework) -> int:
    return (framework.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def framework_version_clone(
    *, version: FrameworkVersion, user: User
) -> tuple[FrameworkVersion, bool]:
    """Start a draft from ``version``; a built-in one becomes the clinic's own adaptation.

    A framework has at most one draft: if there is one already, it is returned unchanged
    (with ``False``: nothing was created).
    """
    source = version.framework
    if source.is_builtin:
        framework, _ = Framework.objects.get_or_create(
            clinic=user.clinic,
            slug=source.slug,
            defaults={
                "name": f"{source.name} (adapted)",
                "summary": source.summary,
                "based_on": source,
                "suggested_for": source.suggested_for,
            },
        )
    else:
        framework = source
    Framework.objects.select_for_update().get(pk=framework.pk)
    existing = framework.versions.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        return existing, False
    draft = FrameworkVersion.objects.create(
        framework=framework,
        number=_next_number(framework),
        status=VersionStatus.DRAFT,
        definition=copy.deepcopy(version.definition),
        based_on=version,
        created_by=user,
    )
    return draft, True


@transaction.atomic
def framework_version_edit(
    *, version: FrameworkVersion, change: Callable[[dict], None]
) -> FrameworkVersion:
    """Apply ``change`` to a copy of a draft's definition, validate it whole, then save it.

    Raises FrameworkLocked for a version that is no longer a draft and DefinitionError
    (nothing saved) when the result would not validate.
    """
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise FrameworkLocked(f"Version {locked.number} is {locked.get_status_display().lower()}.")
    definition = copy.deepcopy(locked.definition)
    change(definition)
    locked.definition = validate(definition)
    locked.save(update_fields=["definition", "updated_at"])
    return locked


@transaction.atomic
def framework_version_discard(*, version: FrameworkVersion) -> None:
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise FrameworkLocked("Only a draft can be discarded.")
    framework = locked.framework
    locked.delete()
    if not framework.is_builtin and not framework.versions.exists():
        Clinic.objects.filter(default_framework=framework).update(default_framework=None)
        framework.delete()


@transaction.atomic
def framework_version_publish(
    *, version: FrameworkVersion, user: User, change_note: str
) -> FrameworkVersion:
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise FrameworkLocked("This version is already published.")
    validate(locked.definition)
    locked.status = VersionStatus.PUBLISHED
    locked.change_note = change_note.strip()
    locked.published_by = user
    locked.published_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def framework_version_retire(*, version: FrameworkVersion) -> FrameworkVersion:
    locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.PUBLISHED:
        raise FrameworkLocked("Only a published version can be retired.")
    locked.status = VersionStatus.RETIRED
    locked.retired_at = timezone.now()
    locked.save(update_fields=["status", "retired_at", "updated_at"])
    return locked


def framework_details_update(*, framework: Framework, name: str, summary: str) -> Framework:
    if framework.is_builtin:
        raise FrameworkLocked("Built-in frameworks can't be renamed; clone one to adapt it.")
    framework.name = name.strip()
    framework.summary = summary.strip()
    framework.full_clean()
    framework.save(update_fields=["name", "summary"])
    return framework


def clinic_default_framework_set(*, clinic: Clinic, framework: Framework) -> Clinic:
    clinic.default_framework = framework
    clinic.save(update_fields=["default_framework"])
    return clinic


# -- edits of a draft's definition (each a ``change`` for framework_version_edit) ---------


def _find(items: list[dict], key: str) -> dict:
    for item in items:
        if item["key"] == key:
            return item
    raise DefinitionError([f"'{key}' is not in this version"])


def step_update(
    *,
    version: FrameworkVersion,
    key: str,
    title: str,
    guidance: str,
    prompts: list[str],
    questions: list[str],
    provisions: list[str],
) -> FrameworkVersion:
    def change(definition: dict) -> None:
        step = _find(definition["steps"], key)
        step.update(
            title=title.strip(),
            guidance=guidance.strip(),
            prompts=prompts,
            provisions=provisions,
            questions=[{"key": f"q{n}", "text": text} for n, text in enumerate(questions, 1)],
        )

    return framework_version_edit(version=version, change=change)


def step_move(*, version: FrameworkVersion, key: str, offset: int) -> FrameworkVersion:
    def change(definition: dict) -> None:
        steps = definition["steps"]
        index = steps.index(_find(steps, key))
        target = min(max(index + offset, 0), len(steps) - 1)
        steps.insert(target, steps.pop(index))

    return framework_version_edit(version=version, change=change)


def step_remove(*, version: FrameworkVersion, key: str) -> FrameworkVersion:
    def change(definition: dict) -> None:
        definition["steps"].remove(_find(definition["steps"], key))

    return framework_version_edit(version=version, change=change)


def step_add(*, version: FrameworkVersion, kind: str) -> FrameworkVersion:
    def change(definition: dict) -> None:
        keys = {s["key"] for s in definition["steps"]}
        key = kind if kind not in keys else f"{kind}-{len(keys) + 1}"
        step = {
            "key": key,
            "kind": kind,
            "title": STEP_KINDS.get(kind, kind),
            "guidance": "",
            "prompts": [],
            "provisions": [],
            "questions": [],
        }
        # Review and sign, then follow-up, stay last; a new step goes in before them.
        tail = [i for i, s in enumerate(definition["steps"]) if HANDLERS[s["kind"]].stays_last]
        position = tail[0] if tail and not HANDLERS[kind].stays_last else len(definition["steps"])
        definition["steps"].insert(position, step)

    return framework_version_edit(version=version, change=change)


def _unique_key(items: list[dict], label: str) -> str:
    base = slugify(label).replace("-", "_")[:50] or "item"
    keys = {item["key"] for item in items}
    key, n = base, 2
    while key in keys:
        key, n = f"{base}_{n}", n + 1
    return key


def item_add(*, version: FrameworkVersion, collection: str, values: dict) -> FrameworkVersion:
    def change(definition: dict) -> None:
        items = definition[collection]
        label = values.get("name") or values.get("topic") or "item"
        items.append({"key": _unique_key(items, label), **values})

    return framework_version_edit(version=version, change=change)


def item_update(
    *, version: FrameworkVersion, collection: str, key: str, values: dict
) -> FrameworkVersion:
    def change(definition: dict) -> None:
        _find(definition[collection], key).update(values)

    return framework_version_edit(version=version, change=change)


def item_remove(*, version: FrameworkVersion, collection: str, key: str) -> FrameworkVersion:
    def change(definition: dict) -> None:
        definition[collection].remove(_find(definition[collection], key))
        if collection == "provisions":
            for step in definition["steps"]:
                step["provisions"] = [k for k in step.get("provisions", []) if k != key]

    return framework_version_edit(version=version, change=change)


# -- import -------------------------------------------------------------------------------


@transaction.atomic
def framework_import(
    *, clinic: Clinic, user: User, imported: ImportedFramework
) -> FrameworkVersion:
    """Save an already-checked import as a new draft of the clinic's framework of that slug
    (or of a new framework when the clinic has none, or that one already has a draft)."""
    framework = Framework.objects.filter(clinic=clinic, slug=imported.slug).first()
    if framework is not None and framework.versions.filter(status=VersionStatus.DRAFT).exists():
        framework = None
        slug = imported.slug
        taken = set(Framework.objects.filter(clinic=clinic).values_list("slug", flat=True))
        n = 2
        while slug in taken:
            slug, n = f"{imported.slug}-{n}"[:80], n + 1
    else:
        slug = imported.slug
    if framework is None:
        framework = Framework.objects.create(
            clinic=clinic, slug=slug, name=imported.name, summary=imported.summary
        )
    return FrameworkVersion.objects.create(
        framework=framework,
        number=_next_number(framework),
        status=VersionStatus.DRAFT,
        definition=validate(copy.deepcopy(imported.definition)),
        created_by=user,
    )
