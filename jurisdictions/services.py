"""Writes for jurisdiction rules: applying checked rows (loader and imports), drafting,
editing and publishing versions. A published version is never changed, only retired."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from jurisdictions.kinds import Origin, VersionStatus
from jurisdictions.models import CONTENT_FIELDS, Jurisdiction, Rule, RuleVersion
from jurisdictions.rows import CODE_PATTERN, RuleDataError, check_content


class RuleLocked(Exception):
    """Raised when a change is asked of a version that is no longer a draft."""


@dataclass
class ApplyResult:
    published: list[RuleVersion]
    unchanged: int


def jurisdictions_ensure(*, items: list[dict]) -> None:
    for item in items:
        Jurisdiction.objects.update_or_create(
            code=item["code"], defaults={"name": item["name"], "country": item["country"]}
        )


def _next_number(rule: Rule) -> int:
    return (rule.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _publish(version: RuleVersion, *, user: User | None, change_note: str) -> RuleVersion:
    """Publish ``version`` (a draft or a new unsaved one), retiring the rule's current one."""
    now = timezone.now()
    RuleVersion.objects.filter(rule=version.rule, status=VersionStatus.PUBLISHED).update(
        status=VersionStatus.RETIRED, retired_at=now, updated_at=now
    )
    version.status = VersionStatus.PUBLISHED
    version.change_note = change_note.strip()
    version.published_by = user
    version.published_at = now
    version.save()
    return version


@transaction.atomic
def rules_apply(
    *,
    rules: list[tuple[str, str, list[tuple[str, dict]]]],
    origin: str,
    user: User | None = None,
) -> ApplyResult:
    """Publish each given content as a new version where it differs from what is there.

    ``rules``: (jurisdiction code, duty, [(change note, checked content), ...]). Built-in
    content is compared with the newest built-in version only (a hand-made version after it
    stays current until the built-in data itself changes); anything else with the current
    published version. Unchanged content does nothing, so loading twice is harmless.
    """
    codes = {code for code, _, _ in rules}
    by_code = {j.code: j for j in Jurisdiction.objects.filter(code__in=codes)}
    missing = sorted(codes - set(by_code))
    if missing:
        raise RuleDataError([f"Unknown jurisdiction {code}." for code in missing])
    published, unchanged = [], 0
    for code, duty, versions in rules:
        rule, _ = Rule.objects.get_or_create(jurisdiction=by_code[code], duty=duty)
        Rule.objects.select_for_update().get(pk=rule.pk)
        compared = rule.versions.exclude(status=VersionStatus.DRAFT)
        if origin == Origin.BUILTIN:
            compared = compared.filter(origin=Origin.BUILTIN)
        latest = compared.order_by("-number").first()
        # A file's history up to the version we hold now is history we have: re-importing
        # an export publishes nothing; only the versions after it are new.
        held = [i for i, (_, c) in enumerate(versions) if latest and c == latest.content()]
        if held:
            unchanged += held[-1] + 1
            versions = versions[held[-1] + 1 :]
        for change_note, content in versions:
            if latest is not None and latest.content() == content:
                unchanged += 1
                continue
            version = RuleVersion(
                rule=rule,
                number=_next_number(rule),
                origin=origin,
                based_on=latest,
                created_by=user,
                **content,
            )
            note = change_note or ("First version." if latest is None else "Content updated.")
            published.append(_publish(version, user=user, change_note=note))
            latest = version
    return ApplyResult(published=published, unchanged=unchanged)


@transaction.atomic
def rule_version_draft(*, version: RuleVersion, user: User) -> tuple[RuleVersion, bool]:
    """A draft copied from ``version``; the rule's existing draft if it has one (False)."""
    rule = Rule.objects.select_for_update().get(pk=version.rule_id)
    existing = rule.versions.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        return existing, False
    draft = RuleVersion.objects.create(
        rule=rule,
        number=_next_number(rule),
        status=VersionStatus.DRAFT,
        origin=Origin.EDITED,
        based_on=version,
        created_by=user,
        **version.content(),
    )
    return draft, True


def _checked(content: dict, where: str) -> dict:
    problems: list[str] = []
    checked = check_content(content, where, problems)
    if problems:
        raise RuleDataError(problems)
    return checked


@transaction.atomic
def rule_version_edit(
    *, version: RuleVersion, content: dict, change_note: str | None = None
) -> RuleVersion:
    """Replace a draft's content with ``content`` (structured, as the JSON holds it), checked
    whole, and its change note when given. Raises RuleLocked for a non-draft and
    RuleDataError (nothing saved) when invalid."""
    locked = RuleVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise RuleLocked(f"Version {locked.number} is {locked.get_status_display().lower()}.")
    checked = _checked(content, f"Version {locked.number}")
    for name in CONTENT_FIELDS:
        setattr(locked, name, checked[name])
    if change_note is not None:
        locked.change_note = change_note.strip()
    locked.save()
    return locked


@transaction.atomic
def rule_create(
    *, jurisdiction: Jurisdiction, duty: str, content: dict, user: User, change_note: str = ""
) -> RuleVersion:
    """A new rule for a jurisdiction and duty, its first version a draft with ``content``
    (checked whole: RuleDataError, nothing saved). RuleLocked when the rule exists."""
    if Rule.objects.filter(jurisdiction=jurisdiction, duty=duty).exists():
        raise RuleLocked(f"{jurisdiction.code} already has this rule: start a new draft of it.")
    checked = _checked(content, "The new rule")
    rule = Rule.objects.create(jurisdiction=jurisdiction, duty=duty)
    return RuleVersion.objects.create(
        rule=rule,
        number=1,
        status=VersionStatus.DRAFT,
        origin=Origin.EDITED,
        created_by=user,
        change_note=change_note.strip(),
        **checked,
    )


@transaction.atomic
def jurisdiction_create(*, code: str, name: str, country: str) -> Jurisdiction:
    """A new jurisdiction (its rules are then added one by one). RuleDataError names what
    is wrong: a code not like US-CA, a country not the code's, a code already known."""
    code, name, country = code.strip().upper(), name.strip(), country.strip().upper()
    problems = []
    if not CODE_PATTERN.match(code):
        problems.append(f'"{code}" is not a code like US-CA or GB-ENG.')
    elif country != code[:2]:
        problems.append(f"The country of {code} is {code[:2]}, not {country}.")
    if not name:
        problems.append("The name is empty.")
    elif len(name) > 120:
        problems.append("The name is longer than 120 characters.")
    if Jurisdiction.objects.filter(code=code).exists():
        problems.append(f"{code} is already a jurisdiction.")
    if problems:
        raise RuleDataError(problems)
    return Jurisdiction.objects.create(code=code, name=name, country=country)


@transaction.atomic
def rule_version_publish(*, version: RuleVersion, user: User, change_note: str) -> RuleVersion:
    """Publish a draft (checked whole again: RuleDataError), retiring the rule's current
    version. From then on neither the app nor the database lets it change."""
    locked = RuleVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise RuleLocked("This version is already published.")
    _checked(locked.raw_content(), f"Version {locked.number}")
    Rule.objects.select_for_update().get(pk=locked.rule_id)
    return _publish(locked, user=user, change_note=change_note)


@transaction.atomic
def rule_version_retire(*, version: RuleVersion) -> RuleVersion:
    """Withdraw the published version without a newer one: the rule then shows nothing to
    new deliberations (those that pinned it keep citing it)."""
    locked = RuleVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.PUBLISHED:
        state = locked.get_status_display().lower()
        raise RuleLocked(f"Only a published version can be retired; this one is {state}.")
    locked.status = VersionStatus.RETIRED
    locked.retired_at = timezone.now()
    locked.save(update_fields=["status", "retired_at", "updated_at"])
    return locked


@transaction.atomic
def rule_version_discard(*, version: RuleVersion) -> None:
    locked = RuleVersion.objects.select_for_update().get(pk=version.pk)
    if not locked.is_draft:
        raise RuleLocked("Only a draft can be discarded.")
    locked.delete()
    # A new rule whose only version was this draft goes with it.
    Rule.objects.filter(pk=locked.rule_id, versions__isnull=True).delete()


@transaction.atomic
def rules_import(*, raw: bytes | str, name: str, user: User | None = None) -> ApplyResult:
    """Import a JSON rule set or a CSV table (by ``name``'s ending), checked whole first.

    Each version whose content differs from the rule's current one is published as a new
    version; nothing is saved when any part of the file is wrong (RuleDataError)."""
    from jurisdictions.transfer import read_csv, read_json

    known = set(Jurisdiction.objects.values_list("code", flat=True))
    if name.lower().endswith(".csv"):
        rows = read_csv(raw, name=name, known_codes=known)
        rules = [(row.jurisdiction, row.duty, [("Imported.", row.content)]) for row in rows]
    else:
        jurisdictions, rules = read_json(raw, name=name, known_codes=known)
        jurisdictions_ensure(items=jurisdictions)
    return rules_apply(rules=rules, origin=Origin.IMPORTED, user=user)
