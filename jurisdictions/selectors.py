"""Reads for jurisdiction rules."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from jurisdictions.kinds import DUTY_ORDER, VersionStatus
from jurisdictions.models import Jurisdiction, Rule, RuleVersion


@dataclass(frozen=True)
class ShownRule:
    """A current rule as a clinician of ``profession`` meets it."""

    version: RuleVersion
    covers_profession: bool


@dataclass(frozen=True)
class RuleOverview:
    """A rule with all its versions (oldest first), as the rules screen lists it."""

    rule: Rule
    versions: list[RuleVersion]

    def _with(self, status: str) -> RuleVersion | None:
        return next((v for v in self.versions if v.status == status), None)

    @property
    def current(self) -> RuleVersion | None:
        return self._with(VersionStatus.PUBLISHED)

    @property
    def draft(self) -> RuleVersion | None:
        return self._with(VersionStatus.DRAFT)

    @property
    def latest(self) -> RuleVersion | None:
        """The newest version that is not a draft: what a new draft starts from."""
        done = [v for v in self.versions if v.status != VersionStatus.DRAFT]
        return done[-1] if done else None


def rule_overviews(
    *, jurisdiction_code: str | None = None, rule_id: int | None = None
) -> list[RuleOverview]:
    """Rules (of one jurisdiction, or one rule) with their versions, in one query."""
    versions = RuleVersion.objects.select_related("rule__jurisdiction", "created_by")
    if jurisdiction_code is not None:
        versions = versions.filter(rule__jurisdiction__code=jurisdiction_code)
    if rule_id is not None:
        versions = versions.filter(rule_id=rule_id)
    grouped: dict[int, list[RuleVersion]] = {}
    for version in versions.order_by("rule_id", "number"):
        grouped.setdefault(version.rule_id, []).append(version)
    overviews = [RuleOverview(rule=vs[0].rule, versions=vs) for vs in grouped.values()]
    return sorted(overviews, key=lambda o: DUTY_ORDER[o.rule.duty])


def jurisdiction_choices() -> list[tuple[str, str]]:
    """(code, "Name (code)") for every known jurisdiction: US first, then the others."""
    return [
        (j.code, f"{j.name} ({j.code})")
        for j in sorted(
            Jurisdiction.objects.all(), key=lambda j: (j.country != "US", j.country, j.name)
        )
    ]


def jurisdiction_get(code: str) -> Jurisdiction | None:
    return Jurisdiction.objects.filter(code=code).first() if code else None


def known_codes() -> set[str]:
    """Every jurisdiction code a clinic or deliberation may name: those in the database and
    the built-in ones (so a clinic can be set up before the rules are loaded)."""
    from jurisdictions.loader import builtin_jurisdictions

    return set(Jurisdiction.objects.values_list("code", flat=True)) | {
        j["code"] for j in builtin_jurisdictions()
    }


def current_rules(*, jurisdiction_code: str) -> list[RuleVersion]:
    """The published version of each of the jurisdiction's rules, in duty-kind order."""
    versions = RuleVersion.objects.filter(
        rule__jurisdiction__code=jurisdiction_code, status=VersionStatus.PUBLISHED
    ).select_related("rule__jurisdiction")
    return sorted(versions, key=lambda v: DUTY_ORDER[v.rule.duty])


def rules_for(*, jurisdiction_code: str, profession: str) -> list[ShownRule]:
    """The current rules for a jurisdiction, each saying whether it covers ``profession``."""
    return [
        ShownRule(version=v, covers_profession=v.covers(profession))
        for v in current_rules(jurisdiction_code=jurisdiction_code)
    ]


def rules_with_versions(*, jurisdiction_code: str | None = None) -> QuerySet[Rule]:
    """Rules (of one jurisdiction, or all) with all their versions, for export and screens."""
    rules = Rule.objects.select_related("jurisdiction").prefetch_related(
        Prefetch("versions", queryset=RuleVersion.objects.order_by("number"))
    )
    if jurisdiction_code:
        rules = rules.filter(jurisdiction__code=jurisdiction_code)
    return rules.order_by("jurisdiction__code", "duty")


def published_versions(*, duty: str | None = None) -> list[RuleVersion]:
    """The current published version of every rule (optionally of one duty), for the table."""
    versions = RuleVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "rule__jurisdiction"
    )
    if duty:
        versions = versions.filter(rule__duty=duty)
    return list(versions.order_by("rule__duty", "rule__jurisdiction__code"))
