"""The law a deliberation shows: the current rules of its jurisdiction, pinned the first time
they are shown (the record cites the pinned versions even after newer ones are published),
with the discharge steps ticked and the deadlines of their time limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, F, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import JSONObject
from django.utils import timezone

from cases.models import Deliberation, DischargeTick, PinnedRule, RuleJudgment
from jurisdictions.kinds import DUTY_ORDER, VersionStatus
from jurisdictions.models import RuleVersion
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


def _candidates(d: Deliberation) -> list[RuleVersion]:
    """In one query: the jurisdiction's versions pinned on ``d`` and (unless signed) its
    current ones, each with ``pin`` = the pin's judgment ({"applies", "why"}) or None."""
    pins = PinnedRule.objects.filter(deliberation=d)
    shown = Q(pk__in=pins.values("rule_version"))
    if not d.is_signed:
        shown |= Q(status=VersionStatus.PUBLISHED)
    judgment = pins.filter(rule_version=OuterRef("pk")).values(
        json=JSONObject(applies="applies", why="why")
    )
    return list(
        RuleVersion.objects.filter(shown, rule__jurisdiction__code=d.jurisdiction_code)
        .select_related("rule__jurisdiction")
        .annotate(pin=Subquery(judgment[:1]))
    )


def law_versions(d: Deliberation, *, pin: bool) -> list[RuleVersion]:
    """The rule versions the deliberation shows for its jurisdiction: each rule's pinned
    version, else its current version (pinned now when ``pin``: the clinician is shown it).
    A signed deliberation shows only what it pinned. Each version carries ``pin``: the
    clinician's judgment of it ({"applies", "why"}), or None while it is not pinned.

    One query (two more the first time rules are pinned: the pins and ``law_shown_at``);
    kept on ``d`` for the rest of the request (the codes step asks for its form and page)."""
    cached = d.__dict__.get("_law_versions")
    if cached is not None and (cached[0] or not pin):
        return cached[1]
    if not d.jurisdiction_code:
        return []
    chosen: dict[int, RuleVersion] = {}
    for version in _candidates(d):
        if version.pin is not None or version.rule_id not in chosen:
            chosen[version.rule_id] = version
    shown = sorted(chosen.values(), key=lambda v: DUTY_ORDER[v.rule.duty])
    new = [v for v in shown if v.pin is None]
    if new and pin:
        now = timezone.now()
        PinnedRule.objects.bulk_create(
            [PinnedRule(deliberation=d, rule_version=v, shown_at=now) for v in new],
            ignore_conflicts=True,
        )
        for v in new:
            v.pin = {"applies": "", "why": ""}
        if d.law_shown_at is None:
            # The flag the record asks first (``law_record``): set once, never moved.
            Deliberation.objects.filter(pk=d.pk, law_shown_at__isnull=True).update(law_shown_at=now)
            d.law_shown_at = now
    d.__dict__["_law_versions"] = (pin, shown)
    return shown


@dataclass(frozen=True)
class RuleJudged:
    """A rule as the codes-and-law step shows it: whether it names the clinician's
    profession, and (once pinned) what the clinician judged."""

    version: RuleVersion
    covers_profession: bool
    pinned: bool
    applies: str
    why: str

    @property
    def applies_label(self) -> str:
        return RuleJudgment(self.applies).label if self.applies else ""

    @property
    def citation_text(self) -> str:
        """What "Add citation" appends to the legal duties: "<citation> (<duty>)"."""
        rule = self.version.rule
        return (
            f"{self.version.citation} ({rule.get_duty_display().lower()}, {rule.jurisdiction.code})"
        )


def law_judged(d: Deliberation, *, profession: str, pin: bool) -> list[RuleJudged]:
    return [
        RuleJudged(
            version=v,
            covers_profession=v.covers(profession),
            pinned=v.pin is not None,
            applies=(v.pin or {}).get("applies", ""),
            why=(v.pin or {}).get("why", ""),
        )
        for v in law_versions(d, pin=pin)
    ]


def judgments_save(d: Deliberation, cells: dict[int, dict[str, str]]) -> None:
    """Store the clinician's judgments ({version id: {"applies"?, "why"?}}) on the rules
    pinned on ``d`` in one UPDATE; only the parts sent change, and a version not pinned on
    ``d`` matches no row (a judgment is about a rule the clinician was shown)."""
    if not cells:
        return
    changes = {}
    for name in ("applies", "why"):
        whens = [
            When(rule_version_id=vid, then=Value(c[name])) for vid, c in cells.items() if name in c
        ]
        if whens:
            changes[name] = Case(*whens, default=F(name), output_field=TextField())
    PinnedRule.objects.filter(deliberation=d, rule_version_id__in=list(cells)).update(**changes)


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
    applies: str
    why: str

    @property
    def applies_label(self) -> str:
        return RuleJudgment(self.applies).label if self.applies else ""


def law_record(d: Deliberation) -> list[LawRecord]:
    """The pinned rules, the clinician's judgment of each and their ticked steps. A
    deliberation that never showed a rule (``law_shown_at`` unset) costs no query: the record
    pages keep their budget."""
    if d.law_shown_at is None:
        return []
    cached = d.__dict__.get("_law_record")
    if cached is not None:  # the chart note, the report and the snapshot's data share it
        return cached
    # One query: the pins with their versions, and each pin's ticks as two arrays.
    ticks = DischargeTick.objects.filter(
        deliberation=OuterRef("deliberation"), rule_version=OuterRef("rule_version")
    ).order_by("step")
    pins = list(
        PinnedRule.objects.filter(deliberation=d)
        .select_related("rule_version__rule__jurisdiction")
        .annotate(
            tick_steps=ArraySubquery(ticks.values("step")),
            tick_times=ArraySubquery(ticks.values("done_at")),
        )
    )
    records = [
        LawRecord(
            version=pin.rule_version,
            shown_at=pin.shown_at,
            applies=pin.applies,
            why=pin.why,
            steps=[
                Step(index=i, text=text, done_at=done.get(i))
                for i, text in enumerate(pin.rule_version.discharge_steps)
            ],
        )
        for pin in pins
        for done in [dict(zip(pin.tick_steps, pin.tick_times, strict=True))]
    ]
    d.__dict__["_law_record"] = records
    return records
