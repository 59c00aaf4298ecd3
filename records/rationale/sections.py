"""The pieces both documents use, so the chart note and the full report say them the same way."""

from __future__ import annotations

from django.utils import timezone

from cases.models import Deliberation
from frameworks.typed import Definition
from records.document import Section, dl, p, ul
from records.rationale.text import aside, day, record_time, sentence


def definition(d: Deliberation) -> Definition:
    return d.framework_version.spec


def meta(d: Deliberation) -> list[tuple[str, str]]:
    version = d.framework_version
    return [
        ("Client reference", d.client_reference),
        ("Clinician", person(d.owner)),
        ("Date", day(timezone.localdate())),
        ("Framework", f"{version.framework.name}, version {version.number}"),
        ("Urgency", d.get_urgency_display()),
    ]


def person(user) -> str:
    title = user.professional_title or user.get_role_display()
    return f"{user.display_name}, {title}"


def options_of(d: Deliberation) -> list:
    return list(d.options.all())


def principle_lines(d: Deliberation) -> list[str]:
    names = {p.key: p.name for p in definition(d).principles}
    lines = []
    for option in options_of(d):
        honours = [
            names.get(m.principle_key, m.principle_key)
            for m in option.marks.all()
            if (m.strength or 0) > 0
        ]
        breaches = [
            names.get(m.principle_key, m.principle_key)
            for m in option.marks.all()
            if (m.strength or 0) < 0
        ]
        parts = []
        if honours:
            parts.append("honours " + ", ".join(honours))
        if breaches:
            parts.append("breaches " + ", ".join(breaches))
        lines.append(sentence(f"{option.label}: {'; '.join(parts) or 'no marks recorded'}"))
    return lines


def provision_lines(d: Deliberation) -> list[str]:
    by_key = {p.key: p for p in definition(d).provisions}
    lines = []
    for n in d.provision_notes.all():
        provision = by_key.get(n.provision_key)
        if provision is None:
            continue
        line = f"{provision.topic} ({provision.citation})"
        lines.append(f"{line}: {n.note}" if n.note else line)
    return lines


def editions_line(d: Deliberation) -> str:
    """Which edition of each code the weighed provisions cite, so the record says which text
    it relied on (empty for versions published before editions were recorded)."""
    keys = [n.provision_key for n in d.provision_notes.all()]
    editions = definition(d).editions_cited(keys)
    return f"Code editions cited: {'; '.join(editions)}." if editions else ""


def stakeholder_lines(d: Deliberation) -> list[str]:
    lines = []
    for s in d.stakeholders.all():
        kind = s.get_kind_display()
        line = s.name if s.name.lower() == kind.lower() else f"{s.name} ({kind.lower()})"
        if s.involved:
            line = sentence(line) + f" Involved: {s.get_involved_display().lower()}"
            line += aside(s.involvement)
        lines.append(sentence(line))
    return lines


def consultation_lines(d: Deliberation) -> list[str]:
    lines = []
    for c in d.consultations.all():
        when = f", {day(c.consulted_on)}" if c.consulted_on else ""
        line = f"{c.consultant} ({c.get_kind_display().lower()}{when}): {c.advice}"
        lines.append(line + "".join(f" {note}" for note in later_notes(c)))
    return lines


def answer_notes(c) -> list:
    """The later notes a colleague added to the answer an entry holds (asked through
    EthicsDesk), oldest first. A signed record keeps those it was signed with: it is shown
    from its snapshot, so a note added afterwards is on the live page only."""
    answer = getattr(c, "received_answer", None)
    return list(answer.notes.all()) if answer is not None else []


def later_notes(c) -> list[str]:
    return [f"(Later note, {record_time(n.created_at)}: {n.text})" for n in answer_notes(c)]


def test_lines(d: Deliberation) -> list[str]:
    lines = []
    for name, label in (
        ("justice", "Justice"),
        ("publicity", "Publicity"),
        ("universality", "Universality"),
    ):
        answer = getattr(d, f"get_{name}_test_display")()
        reason = getattr(d, f"{name}_reason")
        if answer:
            lines.append(sentence(f"{label}: {answer.lower()}{aside(reason)}"))
    return lines


def urgent_blocks(d: Deliberation) -> list:
    if not d.urgent_recorded_at:
        return []
    return [
        dl(
            [
                ("Learned of the danger at", record_time(d.urgent_learned_at)),
                ("Acted at", record_time(d.urgent_action_at)),
                ("Recorded at", record_time(d.urgent_recorded_at)),
                ("Action taken", d.urgent_action),
                ("Who was contacted", d.urgent_contacts),
                (
                    "Supervisor notified",
                    {True: "Yes", False: "Not at the time"}.get(d.urgent_supervisor_notified, ""),
                ),
            ]
        )
    ]


def options_section(d: Deliberation, heading: str) -> Section:
    """The options as one list: the same lines in the chart note and the full report."""
    return Section(
        heading,
        [ul([f"{o.label}: {o.description}" if o.description else o.label for o in options_of(d)])],
    )


def consultation_section(d: Deliberation) -> Section:
    """Who was consulted, or why nobody was."""
    return Section(
        "Consultation",
        [ul(consultation_lines(d)) if d.consultations.all() else p(d.no_consultation_reason)],
    )


def decision_section(d: Deliberation, *more) -> Section:
    """The chosen option, why, and the three tests; the full report adds its ``more`` blocks."""
    chosen = d.chosen_option
    return Section(
        "Decision",
        [
            p(sentence(f"Chosen option: {chosen.label}") if chosen else ""),
            p(d.rationale),
            ul(test_lines(d)),
            *more,
        ],
    )
