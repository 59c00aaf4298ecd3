"""The full report: every step, the matrices, the private reflection, the review history."""

from __future__ import annotations

from cases.models import Deliberation
from cases.scoring import EXPLANATION, IMPACTS, LIKELIHOODS, STRENGTHS, score_options
from records.document import Document, Section, dl, note, p, table, ul
from records.rationale.history import review_history
from records.rationale.law import law_section
from records.rationale.sections import (
    consultation_section,
    decision_section,
    definition,
    editions_line,
    meta,
    options_of,
    options_section,
    provision_lines,
    stakeholder_lines,
    urgent_blocks,
)
from records.rationale.text import day, record_time

_STRENGTH = dict(STRENGTHS)
_IMPACT = dict(IMPACTS)
_LIKELY = dict(LIKELIHOODS)


def _principles_table(d: Deliberation) -> list:
    principles = definition(d).principles
    rows = []
    for option in options_of(d):
        marks = {m.principle_key: m for m in option.marks.all()}
        for principle in principles:
            mark = marks.get(principle.key)
            strength = (
                _STRENGTH.get(mark.strength, "") if mark and mark.strength is not None else ""
            )
            rows.append([option.label, principle.name, strength, mark.reason if mark else ""])
    return (
        [
            table(
                ["Option", "Principle", "Mark", "Why"],
                rows,
                "Options × principles",
                columns="marks",
            )
        ]
        if rows
        else []
    )


def _consequences_table(d: Deliberation) -> list:
    stakeholders = list(d.stakeholders.all())
    options = options_of(d)
    names = {s.pk: s.name for s in stakeholders}
    rows = []
    for option in options:
        for c in option.consequences.all():
            if c.stakeholder_id in names:
                rows.append(
                    [
                        option.label,
                        names[c.stakeholder_id],
                        _IMPACT.get(c.impact, ""),
                        _LIKELY.get(
                            c.likelihood, f"{c.likelihood}%" if c.likelihood is not None else ""
                        ),
                    ]
                )
    scores = score_options(options=options, stakeholders=stakeholders, principle_keys=[])
    blocks = []
    if rows:
        blocks.append(
            table(
                ["Option", "Stakeholder", "Benefit or harm", "Likelihood"],
                rows,
                "Consequences",
                columns="consequences",
            )
        )
    if scores:
        blocks.append(
            ul(
                [
                    f"{s.label}: expected value {s.expected_value:+.2f} "
                    f"({s.estimates} of {s.cells} estimates"
                    + (f": {'; '.join(s.terms)}" if s.terms else "")
                    + ")."
                    for s in scores
                ]
            )
        )
        blocks.append(note(EXPLANATION))
    return blocks


def _character(d: Deliberation) -> list:
    virtues = {v.key: v.name for v in definition(d).virtues}
    lines = []
    for option in options_of(d):
        virtue = getattr(option, "virtue", None)
        if virtue is None:
            continue
        expressed = ", ".join(virtues.get(k, k) for k in virtue.expressed) or "none noted"
        strained = ", ".join(virtues.get(k, k) for k in virtue.strained) or "none noted"
        lines.append(
            f"{option.label}: expresses {expressed}; strains {strained}. {virtue.reflection}"
        )
    return [ul(lines), p(d.character_summary)]


def _custom_answers(d: Deliberation) -> list:
    questions = {
        (step.key, q.key): f"{step.title}: {q.text}"
        for step in definition(d).steps
        for q in step.questions
    }
    pairs = [
        (questions[(a.step_key, a.question_key)], a.answer)
        for a in d.custom_answers.all()
        if (a.step_key, a.question_key) in questions and a.answer.strip()
    ]
    return [dl(pairs)]


def full_report(d: Deliberation) -> Document:
    """Every step, the matrices, the private reflection and the urgent-path times."""
    reflection = d.reflection
    sections = [
        Section(
            "The dilemma",
            [
                p(d.question),
                dl(
                    [
                        ("Kind", ", ".join(k.capitalize() for k in d.kinds)),
                        ("Urgency", d.get_urgency_display()),
                    ]
                ),
                dl([("Facts", "\n".join(d.facts)), ("Assumptions", "\n".join(d.assumptions))]),
            ],
        ),
        Section("Urgent action (fast path)", urgent_blocks(d)),
        law_section(d, "The law shown and the steps taken"),
        Section(
            "Own values and bias (private: not part of the chart note)",
            [
                dl(
                    [
                        ("Values and background", reflection.values),
                        ("Possible biases", reflection.biases),
                        ("Likely effect", reflection.effects),
                        ("Safeguards", reflection.safeguards),
                    ]
                )
            ],
            private=True,
        ),
        Section(
            "Codes and law",
            [
                ul(provision_lines(d)),
                p(editions_line(d)),
                dl(
                    [
                        (
                            "Does the code settle it?",
                            {True: "Yes", False: "No"}.get(d.code_settles, ""),
                        ),
                        ("Legal duties", d.legal_duties),
                        ("Jurisdiction", d.jurisdiction),
                    ]
                ),
            ],
        ),
        Section(
            "Stakeholders",
            [
                ul(
                    stakeholder_lines(d)
                    + [
                        f"{s.name}: interests: {s.interests}; values: {s.values}"
                        for s in d.stakeholders.all()
                        if s.interests or s.values
                    ]
                )
            ],
        ),
        options_section(d, "Options"),
        Section(
            "Principles",
            [
                *_principles_table(d),
                dl([("Conflicts", d.principle_conflicts), ("Priority", d.principle_priority)]),
            ],
        ),
        Section("Consequences", _consequences_table(d)),
        Section("Character", _character(d)),
        consultation_section(d),
        decision_section(
            d,
            dl(
                [
                    ("Moral residue", d.moral_residue),
                    ("How it will be reduced", d.residue_reduction),
                    ("Action plan", d.action_plan),
                    ("Follow-up date", day(d.follow_up_date)),
                    ("Decided", record_time(d.decided_at)),
                ]
            ),
        ),
        Section("Your clinic's questions", _custom_answers(d)),
        Section("Follow-up", [dl([("What happened", d.outcome), ("What was learned", d.lessons)])]),
        review_history(d),
    ]
    return Document(
        kind="report",
        title=f"Full deliberation report: {d.title}",
        meta=meta(d)
        + [("Started", record_time(d.created_at)), ("Signed", record_time(d.signed_at))],
        sections=[s for s in sections if not s.empty],
        draft=not d.is_signed,
    )
