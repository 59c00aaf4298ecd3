"""Builds the chart note and the full report from a deliberation: the one source of truth.

The chart note is safe for the client to read (open notes): it never reads the private
reflection (own values and bias), the assumptions, the clinic's custom answers or the
scores. The full report holds everything.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format

from cases.models import Deliberation
from cases.scoring import EXPLANATION, IMPACTS, LIKELIHOODS, STRENGTHS, score_options
from records.document import Document, Section, dl, note, p, table, ul

_STRENGTH = dict(STRENGTHS)
_IMPACT = dict(IMPACTS)
_LIKELY = dict(LIKELIHOODS)


def _date(value) -> str:
    return date_format(value, "j F Y") if value else ""


def record_time(value) -> str:
    """A record time as every output shows it: in the current (the clinic's) zone, with the
    zone's name, e.g. "3 March 2026, 14:05 PST" (accounts.timezones activates the zone)."""
    return date_format(timezone.localtime(value), "j F Y, H:i T") if value else ""


_CLOSERS = ")]”’\"'"
_ENDS = (".", "!", "?", "…")


def sentence(text: str) -> str:
    """``text`` ending with one full stop: none is added after one already there, also when
    a parenthesis or quotation mark closes after it (no "…the same way.).")."""
    text = text.rstrip()
    return text if text.rstrip(_CLOSERS).endswith(_ENDS) else f"{text}."


def aside(text: str) -> str:
    """`` (text)``, without the full stop the person typed: the sentence ends after it."""
    text = text.strip().rstrip(".").rstrip()
    return f" ({text})" if text else ""


def _definition(d: Deliberation) -> dict:
    return d.framework_version.definition


def _meta(d: Deliberation) -> list[tuple[str, str]]:
    version = d.framework_version
    return [
        ("Client reference", d.client_reference),
        ("Clinician", _person(d.owner)),
        ("Date", _date(timezone.localdate())),
        ("Framework", f"{version.framework.name}, version {version.number}"),
        ("Urgency", d.get_urgency_display()),
    ]


def _person(user) -> str:
    title = user.professional_title or user.get_role_display()
    return f"{user.display_name}, {title}"


def _options(d: Deliberation) -> list:
    return list(d.options.all())


def _principle_summary(d: Deliberation) -> list[str]:
    names = {p["key"]: p["name"] for p in _definition(d)["principles"]}
    lines = []
    for option in _options(d):
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


def _provisions(d: Deliberation) -> list[str]:
    by_key = {p["key"]: p for p in _definition(d)["provisions"]}
    lines = []
    for n in d.provision_notes.all():
        provision = by_key.get(n.provision_key)
        if provision is None:
            continue
        line = f"{provision['topic']} ({provision['citation']})"
        lines.append(f"{line}: {n.note}" if n.note else line)
    return lines


def _stakeholders(d: Deliberation) -> list[str]:
    lines = []
    for s in d.stakeholders.all():
        kind = s.get_kind_display()
        line = s.name if s.name.lower() == kind.lower() else f"{s.name} ({kind.lower()})"
        if s.involved:
            line = sentence(line) + f" Involved: {s.get_involved_display().lower()}"
            line += aside(s.involvement)
        lines.append(sentence(line))
    return lines


def _consultations(d: Deliberation) -> list[str]:
    lines = []
    for c in d.consultations.all():
        when = f", {_date(c.consulted_on)}" if c.consulted_on else ""
        lines.append(f"{c.consultant} ({c.get_kind_display().lower()}{when}): {c.advice}")
    return lines


def _tests(d: Deliberation) -> list[str]:
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


def _urgent(d: Deliberation) -> list:
    if not d.urgent_recorded_at:
        return []
    return [
        dl(
            [
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


def _options_section(d: Deliberation, heading: str) -> Section:
    """The options as one list: the same lines in the chart note and the full report."""
    return Section(
        heading,
        [ul([f"{o.label}: {o.description}" if o.description else o.label for o in _options(d)])],
    )


def _consultation_section(d: Deliberation) -> Section:
    """Who was consulted, or why nobody was."""
    return Section(
        "Consultation",
        [ul(_consultations(d)) if d.consultations.all() else p(d.no_consultation_reason)],
    )


def _decision_section(d: Deliberation, *more) -> Section:
    """The chosen option, why, and the three tests; the full report adds its ``more`` blocks."""
    chosen = d.chosen_option
    return Section(
        "Decision",
        [
            p(sentence(f"Chosen option: {chosen.label}") if chosen else ""),
            p(d.rationale),
            ul(_tests(d)),
            *more,
        ],
    )


def chart_note(d: Deliberation) -> Document:
    """The concise rationale for the clinical record. Nothing private goes in."""
    sections = [
        Section("The dilemma", [p(d.question), ul(d.facts)]),
        Section("Urgent action", _urgent(d)),
        _options_section(d, "Options considered"),
        Section(
            "Principles and code provisions weighed",
            [
                ul(_principle_summary(d)),
                p(d.principle_priority),
                ul(_provisions(d)),
                p(d.legal_duties),
            ],
        ),
        Section("People affected and client involvement", [ul(_stakeholders(d))]),
        _consultation_section(d),
        _decision_section(d),
        Section(
            "Plan and follow-up",
            [
                p(d.action_plan),
                p(f"Follow-up on {_date(d.follow_up_date)}." if d.follow_up_date else ""),
            ],
        ),
    ]
    return Document(
        kind="chart-note",
        title=f"Ethical decision rationale: {d.title}",
        meta=_meta(d),
        sections=[s for s in sections if not s.empty],
        draft=not d.is_signed,
    )


def _principles_table(d: Deliberation) -> list:
    principles = _definition(d)["principles"]
    rows = []
    for option in _options(d):
        marks = {m.principle_key: m for m in option.marks.all()}
        for principle in principles:
            mark = marks.get(principle["key"])
            strength = (
                _STRENGTH.get(mark.strength, "") if mark and mark.strength is not None else ""
            )
            rows.append([option.label, principle["name"], strength, mark.reason if mark else ""])
    return (
        [table(["Option", "Principle", "Mark", "Why"], rows, "Options × principles")]
        if rows
        else []
    )


def _consequences_table(d: Deliberation) -> list:
    stakeholders = list(d.stakeholders.all())
    options = _options(d)
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
            table(["Option", "Stakeholder", "Benefit or harm", "Likelihood"], rows, "Consequences")
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
    virtues = {v["key"]: v["name"] for v in _definition(d)["virtues"]}
    lines = []
    for option in _options(d):
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
        (step["key"], q["key"]): f"{step['title']}: {q['text']}"
        for step in _definition(d)["steps"]
        for q in step.get("questions", [])
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
        Section("Urgent action (fast path)", _urgent(d)),
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
                ul(_provisions(d)),
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
                    _stakeholders(d)
                    + [
                        f"{s.name}: interests: {s.interests}; values: {s.values}"
                        for s in d.stakeholders.all()
                        if s.interests or s.values
                    ]
                )
            ],
        ),
        _options_section(d, "Options"),
        Section(
            "Principles",
            [
                *_principles_table(d),
                dl([("Conflicts", d.principle_conflicts), ("Priority", d.principle_priority)]),
            ],
        ),
        Section("Consequences", _consequences_table(d)),
        Section("Character", _character(d)),
        _consultation_section(d),
        _decision_section(
            d,
            dl(
                [
                    ("Moral residue", d.moral_residue),
                    ("How it will be reduced", d.residue_reduction),
                    ("Action plan", d.action_plan),
                    ("Follow-up date", _date(d.follow_up_date)),
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
        meta=_meta(d)
        + [("Started", record_time(d.created_at)), ("Signed", record_time(d.signed_at))],
        sections=[s for s in sections if not s.empty],
        draft=not d.is_signed,
    )


def review_history(d: Deliberation, *, since=None, heading: str = "Review history") -> Section:
    """Submissions, what the supervisor did, and the comment threads, oldest first."""
    events: list[tuple] = []
    submissions = d.submissions.select_related("submitted_by", "reviewer")
    comments = d.comments.select_related("author", "resolved_by")
    if since is not None:
        submissions = submissions.filter(submitted_at__gt=since)
        comments = comments.filter(created_at__gt=since)
    titles = {step["key"]: step["title"] for step in _definition(d)["steps"]}
    for s in submissions:
        message = f": “{s.message}”" if s.message else ""
        events.append(
            (
                s.submitted_at,
                sentence(f"Submitted for review by {s.submitted_by.display_name}{message}"),
            )
        )
        if s.reviewed_at:
            note = f": “{s.outcome_message}”" if s.outcome_message else ""
            events.append(
                (
                    s.reviewed_at,
                    sentence(f"{s.get_outcome_display()} by {s.reviewer.display_name}{note}"),
                )
            )
    for c in comments:
        where = titles.get(c.step_key, c.step_key)
        kind = "Reply" if c.parent_id else "Comment"
        line = f"{kind} on “{where}” by {c.author.display_name}: {c.text}"
        if c.resolved_at:
            line += f" (resolved by {c.resolved_by.display_name}, {record_time(c.resolved_at)})"
        events.append((c.created_at, line))
    events.sort(key=lambda event: event[0])
    items = [f"{record_time(when)}: {text}" for when, text in events]
    if not items and since is None:
        return Section(heading, [p("No supervisor review has been recorded.")])
    return Section(heading, [ul(items)])


def structured_data(d: Deliberation) -> dict:
    """The deliberation's structured content, for the signed snapshot (JSON)."""
    return {
        "deliberation": {
            "id": d.pk,
            "title": d.title,
            "client_reference": d.client_reference,
            "framework_version": d.framework_version_id,
            "urgency": d.urgency,
            "facts": d.facts,
            "assumptions": d.assumptions,
            "question": d.question,
            "kinds": d.kinds,
            "urgent": {
                "duties": d.urgent_duties,
                "action": d.urgent_action,
                "contacts": d.urgent_contacts,
                "supervisor_notified": d.urgent_supervisor_notified,
                "action_at": d.urgent_action_at.isoformat() if d.urgent_action_at else None,
                "recorded_at": d.urgent_recorded_at.isoformat() if d.urgent_recorded_at else None,
            },
            "codes": {
                "code_settles": d.code_settles,
                "legal_duties": d.legal_duties,
                "jurisdiction": d.jurisdiction,
                "provisions": {n.provision_key: n.note for n in d.provision_notes.all()},
            },
            "principle_conflicts": d.principle_conflicts,
            "principle_priority": d.principle_priority,
            "character_summary": d.character_summary,
            "no_consultation_reason": d.no_consultation_reason,
            "decision": {
                "chosen_option": d.chosen_option_id,
                "rationale": d.rationale,
                "tests": {
                    name: {
                        "answer": getattr(d, f"{name}_test"),
                        "reason": getattr(d, f"{name}_reason"),
                    }
                    for name in ("justice", "publicity", "universality")
                },
                "moral_residue": d.moral_residue,
                "residue_reduction": d.residue_reduction,
                "action_plan": d.action_plan,
                "follow_up_date": d.follow_up_date.isoformat() if d.follow_up_date else None,
            },
            "follow_up": {"outcome": d.outcome, "lessons": d.lessons},
        },
        "reflection": {
            "values": d.reflection.values,
            "biases": d.reflection.biases,
            "effects": d.reflection.effects,
            "safeguards": d.reflection.safeguards,
        },
        "stakeholders": [
            {
                "id": s.pk,
                "name": s.name,
                "kind": s.kind,
                "interests": s.interests,
                "values": s.values,
                "involved": s.involved,
                "involvement": s.involvement,
            }
            for s in d.stakeholders.all()
        ],
        "options": [
            {
                "id": o.pk,
                "label": o.label,
                "description": o.description,
                "marks": {m.principle_key: [m.strength, m.reason] for m in o.marks.all()},
                "consequences": {
                    str(c.stakeholder_id): [c.impact, c.likelihood] for c in o.consequences.all()
                },
                "virtue": (
                    {
                        "expressed": o.virtue.expressed,
                        "strained": o.virtue.strained,
                        "reflection": o.virtue.reflection,
                    }
                    if getattr(o, "virtue", None)
                    else None
                ),
            }
            for o in d.options.all()
        ],
        "consultations": [
            {
                "consultant": c.consultant,
                "kind": c.kind,
                "consulted_on": c.consulted_on.isoformat() if c.consulted_on else None,
                "advice": c.advice,
            }
            for c in d.consultations.all()
        ],
        "custom_answers": [
            {"step": a.step_key, "question": a.question_key, "answer": a.answer}
            for a in d.custom_answers.all()
        ],
    }
