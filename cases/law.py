"""The law a deliberation shows: the current rules of its jurisdiction, pinned the first time
they are shown (the record cites the pinned versions even after newer ones are published),
with the discharge steps ticked and the deadlines of their time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from cases.models import Deliberation, DischargeTick, PinnedRule
from jurisdictions.kinds import DUTY_ORDER
from jurisdictions.models import RuleVersion
from jurisdictions.selectors import current_rules
from jurisdictions.timelimits import TimeLimit


@dataclass(frozen=True)
class Step:
    index: int
    text: str
    done_at: datetime | None


@dataclass(frozen=True)
class Deadline:
    limit: TimeLimit
    due: datetime | None


@dataclass(frozen=True)
class LawShown:
    version: RuleVersion
    covers_profession: bool
    steps: list[Step]
    deadlines: list[Deadline]

    @property
    def any_done(self) -> bool:
        return any(step.done_at for step in self.steps)

    @property
    def applies_plainly(self) -> bool:
        """Covers the clinician and is not unclear: the steps are the rule's; otherwise the
        page says so and points to the professional codes."""
        return self.covers_profession and self.version.classification != "unclear"


def _pinned(d: Deliberation) -> list[PinnedRule]:
    return list(
        PinnedRule.objects.filter(deliberation=d).select_related("rule_version__rule__jurisdiction")
    )


def law_versions(d: Deliberation, *, pin: bool) -> list[RuleVersion]:
    """The rule versions the deliberation shows for its jurisdiction: each rule's pinned
    version, else its current version (pinned now when ``pin``: the clinician is shown it).
    A signed deliberation shows only what it pinned."""
    pinned = {
        p.rule_version.rule_id: p.rule_version
        for p in _pinned(d)
        if p.rule_version.rule.jurisdiction.code == d.jurisdiction_code
    }
    if d.is_signed or not d.jurisdiction_code:
        return sorted(pinned.values(), key=lambda v: DUTY_ORDER[v.rule.duty])
    shown, new = [], []
    for current in current_rules(jurisdiction_code=d.jurisdiction_code):
        version = pinned.get(current.rule_id)
        if version is None:
            version = current
            new.append(PinnedRule(deliberation=d, rule_version=current, shown_at=timezone.now()))
        shown.append(version)
    if new and pin:
        PinnedRule.objects.bulk_create(new, ignore_conflicts=True)
    return shown


def law_shown(
    d: Deliberation, *, profession: str, learned_at: datetime | None, pin: bool = True
) -> list[LawShown]:
    versions = law_versions(d, pin=pin)
    ticks = {
        (t.rule_version_id, t.step): t.done_at
        for t in DischargeTick.objects.filter(deliberation=d, rule_version__in=versions)
    }
    return [
        LawShown(
            version=v,
            covers_profession=v.covers(profession),
            steps=[
                Step(index=i, text=text, done_at=ticks.get((v.pk, i)))
                for i, text in enumerate(v.discharge_steps)
            ],
            deadlines=[Deadline(limit=t, due=t.deadline(learned_at)) for t in v.limits],
        )
        for v in versions
    ]


def pinned_version(d: Deliberation, version_id: int) -> RuleVersion | None:
    """A rule version pinned on the deliberation (what a tick may refer to), or None."""
    pin = (
        PinnedRule.objects.filter(deliberation=d, rule_version_id=version_id)
        .select_related("rule_version")
        .first()
    )
    return pin.rule_version if pin else None


@dataclass(frozen=True)
class LawRecord:
    """What a record says about the law: every rule version the deliberation showed (pinned,
    whichever jurisdiction it was shown for) with its discharge steps and their times."""

    version: RuleVersion
    shown_at: datetime
    steps: list[Step]


def law_record(d: Deliberation) -> list[LawRecord]:
    """The pinned rules and their ticked steps. Only the fast path pins rules, so a
    deliberation that never was imminent costs no query (the record pages keep their budget)."""
    if not (d.is_imminent or d.urgent_recorded_at):
        return []
    pins = _pinned(d)
    if not pins:
        return []
    ticks = {
        (t.rule_version_id, t.step): t.done_at for t in DischargeTick.objects.filter(deliberation=d)
    }
    return [
        LawRecord(
            version=pin.rule_version,
            shown_at=pin.shown_at,
            steps=[
                Step(index=i, text=text, done_at=ticks.get((pin.rule_version_id, i)))
                for i, text in enumerate(pin.rule_version.discharge_steps)
            ],
        )
        for pin in pins
    ]
