"""Worked examples: finished, de-identified deliberations a new user can open and read.

Each example is a JSON file in ``cases/example_data/``, kept apart from the code so the
clinical text can be reviewed on its own. ``examples_ensure`` turns them into rows for one
owner. An example is known by its title: one that exists is left alone (or, with
``reset``, recreated while still a draft), and one submitted for review or signed is never
touched, so whatever a user typed into an example survives the next ``make run``. An example
with a ``review`` block is submitted to the owner's supervisor with a short comment thread,
once, so a new supervisor finds the review flow in their queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import (
    Consequence,
    Consultation,
    Deliberation,
    Option,
    PrincipleMark,
    PrivateReflection,
    ProvisionNote,
    Stakeholder,
    Status,
    VirtueReflection,
)
from cases.scoring import LIKELIHOODS
from cases.services import deliberation_create
from frameworks.models import Framework, FrameworkVersion
from frameworks.selectors import current_version
from frameworks.typed import Definition
from review import services as review
from review.models import Comment, Notification, Submission

EXAMPLES_DIR = Path(__file__).resolve().parent / "example_data"

DELIBERATION_TEXT = (
    "question",
    "legal_duties",
    "jurisdiction",
    "principle_conflicts",
    "principle_priority",
    "character_summary",
    "outcome",
    "lessons",
)
DECISION_TEXT = ("rationale", "moral_residue", "residue_reduction", "action_plan")
TESTS = ("justice_test", "publicity_test", "universality_test")


class ExampleError(Exception):
    """The examples cannot be created: a prerequisite is missing or an example is invalid."""


class Outcome(StrEnum):
    CREATED = "created"
    KEPT = "already there, kept"
    RECREATED = "recreated"
    LOCKED = "submitted or signed, left untouched"


@dataclass(frozen=True)
class ExampleResult:
    deliberation: Deliberation
    outcome: Outcome
    reviewer: User | None = None  # who it was just submitted to, if it was


def example_specs() -> list[dict]:
    """The example definitions, in file order (ex-001, ex-002, …)."""
    return [json.loads(path.read_text()) for path in sorted(EXAMPLES_DIR.glob("*.json"))]


def examples_ensure(
    *, owner: User, reset: bool = False, today: date | None = None
) -> list[ExampleResult]:
    """Make sure ``owner`` has every example. Idempotent; never touches a submitted or signed one.

    ``reset`` deletes and recreates examples that are still drafts (e.g. after the texts
    changed); without it an example that exists is kept as the user left it.
    """
    today = today or timezone.localdate()
    # Check every example before writing any, so a bad file leaves no half-seeded set.
    specs = [(spec, _version(spec["framework"])) for spec in example_specs()]
    for spec, version in specs:
        _check(spec, version.spec)
    results = []
    for spec, version in specs:
        with transaction.atomic():
            # Locked so a signature cannot land between the check and a reset's delete.
            existing = list(
                Deliberation.objects.select_for_update().filter(owner=owner, title=spec["title"])
            )
            # Only a draft is ever recreated: one that was ever submitted for review, or is
            # signed, is part of the record.
            locked = [
                d
                for d in existing
                if d.is_signed or d.status != Status.DRAFT or d.submissions.exists()
            ]
            if locked:
                results.append(ExampleResult(locked[0], Outcome.LOCKED))
                continue
            if existing and not reset:
                deliberation, outcome = existing[0], Outcome.KEPT
            else:
                for d in existing:
                    d.delete()
                deliberation = _build(spec, owner=owner, version=version, today=today)
                outcome = Outcome.RECREATED if existing else Outcome.CREATED
            reviewer = _review(spec, deliberation, today=today) if "review" in spec else None
            results.append(ExampleResult(deliberation, outcome, reviewer))
    return results


def _review(spec: dict, d: Deliberation, *, today: date) -> User | None:
    """Submit the example for the owner's supervisor's review, with a short thread (the
    supervisor's comment and the clinician's reply), so a new supervisor finds something in
    the queue. Only a draft never submitted and never commented on gets one; without a
    supervisor it stays a draft. Returns the supervisor it went to."""
    if d.comments.exists():
        return None
    review_spec = spec["review"]
    try:
        submission = review.deliberation_submit(
            deliberation=d, user=d.owner, message=review_spec["message"]
        )
    except review.ReviewRefused:
        return None
    supervisor = (
        d.owner.supervisor_links.filter(ended_at__isnull=True)
        .select_related("supervisor")
        .earliest("pk")
        .supervisor
    )
    step = d.framework_version.spec.step(review_spec["step"])
    comment = review.comment_add(
        deliberation=d, author=supervisor, step=step, text=review_spec["comment"], parent=None
    )
    reply = review.comment_add(
        deliberation=d, author=d.owner, step=step, text=review_spec["reply"], parent=comment
    )
    # Dated as a review of the last few days, not of the moment `make run` started.
    submitted = _moment(_days_ago(today, review_spec["days_ago"]), 10)
    commented = _moment(_days_ago(today, review_spec["days_ago"] - 1), 9)
    replied = _moment(_days_ago(today, review_spec["days_ago"] - 1), 17)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=submitted)
    Comment.objects.filter(pk=comment.pk).update(created_at=commented)
    Comment.objects.filter(pk=reply.pk).update(created_at=replied)
    Notification.objects.filter(deliberation=d).update(created_at=replied)
    review.review_state_store(deliberations=Deliberation.objects.filter(pk=d.pk))  # the new date
    return supervisor


def _version(slug: str) -> FrameworkVersion:
    framework = Framework.objects.filter(clinic=None, slug=slug).first()
    version = current_version(framework) if framework else None
    if version is None:
        raise ExampleError(
            f"The built-in framework {slug!r} has no published version; "
            "run `manage.py load_frameworks` first."
        )
    return version


def _check(spec: dict, definition: Definition) -> None:
    """Refuse an example that would not be complete on the framework it names."""
    principles = {p.key for p in definition.principles}
    virtues = {v.key for v in definition.virtues}
    provisions = {p.key for p in definition.provisions}
    stakeholders = {s["key"] for s in spec["stakeholders"]}
    likelihoods = {value for value, _ in LIKELIHOODS}
    problems = [f"unknown provision {k!r}" for k in spec["provisions"] if k not in provisions]
    for option in spec["options"]:
        label = option["key"]
        if set(option["marks"]) != principles:
            problems.append(f"option {label!r} must mark exactly the principles {principles}")
        if set(option["consequences"]) != stakeholders:
            problems.append(f"option {label!r} must estimate every stakeholder")
        if any(likely not in likelihoods for _, likely in option["consequences"].values()):
            problems.append(f"option {label!r} uses a likelihood outside {sorted(likelihoods)}")
        chosen = set(option["virtue"]["expressed"]) | set(option["virtue"]["strained"])
        if not chosen <= virtues:
            problems.append(f"option {label!r} names unknown virtues {chosen - virtues}")
    review = spec.get("review")
    if review and definition.step(review["step"]) is None:
        problems.append(f"the review comments on an unknown step {review['step']!r}")
    if review and review["days_ago"] < 2:
        problems.append("the review must start two or more days ago (comment, then reply)")
    if spec["decision"]["chosen"] not in {o["key"] for o in spec["options"]}:
        problems.append("the chosen option is not one of the options")
    if problems:
        raise ExampleError(f"Example {spec['client_reference']}: " + "; ".join(problems))


def _days_ago(today: date, days: int) -> date:
    return today - timedelta(days=days)


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _build(spec: dict, *, owner: User, version: FrameworkVersion, today: date) -> Deliberation:
    d = deliberation_create(
        owner=owner,
        title=spec["title"],
        client_reference=spec["client_reference"],
        framework_version=version,
        urgency=spec["urgency"],
    )
    PrivateReflection.objects.filter(deliberation=d).update(**spec["reflection"])
    ProvisionNote.objects.bulk_create(
        ProvisionNote(deliberation=d, provision_key=key, note=note)
        for key, note in spec["provisions"].items()
    )
    people = {
        s["key"]: Stakeholder.objects.create(
            deliberation=d,
            position=position,
            **{k: v for k, v in s.items() if k != "key"},
        )
        for position, s in enumerate(spec["stakeholders"], start=1)
    }
    options = {}
    for position, o in enumerate(spec["options"], start=1):
        option = Option.objects.create(
            deliberation=d, position=position, label=o["label"], description=o["description"]
        )
        options[o["key"]] = option
        PrincipleMark.objects.bulk_create(
            PrincipleMark(option=option, principle_key=key, strength=strength, reason=reason)
            for key, (strength, reason) in o["marks"].items()
        )
        Consequence.objects.bulk_create(
            Consequence(option=option, stakeholder=people[key], impact=impact, likelihood=likely)
            for key, (impact, likely) in o["consequences"].items()
        )
        VirtueReflection.objects.create(option=option, **o["virtue"])
    Consultation.objects.bulk_create(
        Consultation(
            deliberation=d,
            position=position,
            consultant=c["consultant"],
            kind=c["kind"],
            consulted_on=_days_ago(today, c["days_ago"]),
            advice=c["advice"],
        )
        for position, c in enumerate(spec["consultations"], start=1)
    )

    days, decision = spec["days_ago"], spec["decision"]
    d.facts, d.assumptions, d.kinds = spec["facts"], spec["assumptions"], spec["kinds"]
    d.code_settles = spec["code_settles"]
    for name in DELIBERATION_TEXT:
        setattr(d, name, spec[name])
    for name in DECISION_TEXT:
        setattr(d, name, decision[name])
    for name in TESTS:
        answer, reason = decision[name]
        setattr(d, name, answer)
        setattr(d, name.replace("_test", "_reason"), reason)
    d.chosen_option = options[decision["chosen"]]
    d.decided_at = _moment(_days_ago(today, days["decided"]), 16)
    d.follow_up_date = _days_ago(today, days["follow_up"])
    d.progress = 100
    d.full_clean()
    d.save()
    # The example reads as a case worked over weeks, not one typed a moment ago; update()
    # leaves auto_now alone, so these dates stick.
    Deliberation.objects.filter(pk=d.pk).update(
        created_at=_moment(_days_ago(today, days["started"]), 10),
        updated_at=_moment(_days_ago(today, days["updated"]), 11),
    )
    d.refresh_from_db()
    return d
