"""The chart note: safe for the client to read, so nothing private goes in."""

from __future__ import annotations

from cases.models import Deliberation
from records.document import Document, Section, p, ul
from records.rationale.law import law_section
from records.rationale.sections import (
    consultation_section,
    decision_section,
    editions_line,
    meta,
    options_section,
    principle_lines,
    provision_lines,
    stakeholder_lines,
    urgent_blocks,
)
from records.rationale.text import day


def chart_note(d: Deliberation) -> Document:
    """The concise rationale for the clinical record. Nothing private goes in."""
    sections = [
        Section("The dilemma", [p(d.question), ul(d.facts)]),
        Section("Urgent action", urgent_blocks(d)),
        law_section(d, "The law shown and the steps taken"),
        options_section(d, "Options considered"),
        Section(
            "Principles and code provisions weighed",
            [
                ul(principle_lines(d)),
                p(d.principle_priority),
                ul(provision_lines(d)),
                p(editions_line(d)),
                p(d.legal_duties),
            ],
        ),
        Section("People affected and client involvement", [ul(stakeholder_lines(d))]),
        consultation_section(d),
        decision_section(d),
        Section(
            "Plan and follow-up",
            [
                p(d.action_plan),
                p(f"Follow-up on {day(d.follow_up_date)}." if d.follow_up_date else ""),
            ],
        ),
    ]
    return Document(
        kind="chart-note",
        title=f"Ethical decision rationale: {d.title}",
        meta=meta(d),
        sections=[s for s in sections if not s.empty],
        draft=not d.is_signed,
    )
