"""The teaching copy of a signed deliberation: what a library entry starts from.

Only what teaches is copied (the dilemma, the options, the decision and rationale, the tests,
the moral residue, the follow-up lessons — whichever steps the framework has). Never the
private reflection (own values and bias), never the client reference, never the author.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from accounts.models import User
from cases import phi
from cases.models import Deliberation, TestAnswer

# The steps each copied field comes from: a framework without the step copies nothing there.
FIELD_STEPS = {
    "situation": "dilemma",
    "dilemma": "dilemma",
    "options": "options",
    "decision": "decision",
    "rationale": "decision",
    "tests": "decision",
    "residue": "decision",
    "lessons": "follow_up",
}
_TESTS = (
    ("justice", "Justice: would I treat others alike in the same situation?"),
    ("publicity", "Publicity: would I be comfortable if it were public?"),
    ("universality", "Universality: would I recommend it to another clinician?"),
)


def _lines(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _tests(d: Deliberation) -> str:
    answers = []
    for name, question in _TESTS:
        answer = getattr(d, f"{name}_test")
        reason = getattr(d, f"{name}_reason").strip()
        if answer or reason:
            said = TestAnswer(answer).label if answer else "Not answered"
            answers.append(f"{question} {said}." + (f" {reason}" if reason else ""))
    return "\n".join(answers)


def _principles_in_tension(d: Deliberation) -> list[str]:
    """The principles some option honours and another breaches (the matrix's conflicts)."""
    signs: dict[str, set[int]] = {}
    for option in d.options.all():
        for mark in option.marks.all():
            if mark.strength:
                signs.setdefault(mark.principle_key, set()).add(1 if mark.strength > 0 else -1)
    return [key for key, seen in signs.items() if len(seen) == 2]


def copy_of(d: Deliberation) -> dict:
    """The entry's fields (text and tags) copied from a deliberation."""
    prefetch_related_objects([d], "options__marks", "provision_notes")
    definition = d.framework_version.spec
    kinds = {step.kind for step in definition.steps}
    chosen = d.chosen_option
    text = {
        "title": d.title,
        "situation": "\n".join(f"- {fact}" for fact in d.facts if fact.strip()),
        "dilemma": d.question,
        "options": _lines(
            *(
                f"{o.label}: {o.description}" if o.description.strip() else o.label
                for o in d.options.all()
            )
        ),
        "decision": chosen.label if chosen is not None else "",
        "rationale": d.rationale,
        "tests": _tests(d),
        "residue": _lines(d.moral_residue, d.residue_reduction),
        "lessons": _lines(d.lessons),
    }
    copied = {
        name: value.strip()
        for name, value in text.items()
        if name == "title" or FIELD_STEPS[name] in kinds
    }
    known_principles = {p.key for p in definition.principles}
    known_provisions = {p.key for p in definition.provisions}
    return copied | {
        "kinds": list(d.kinds),
        "provisions": [
            n.provision_key for n in d.provision_notes.all() if n.provision_key in known_provisions
        ],
        "principles": [k for k in _principles_in_tension(d) if k in known_principles],
    }


def names_known(d: Deliberation) -> list[str]:
    """The people the app knows by name around a deliberation: its author, the clinic's
    people, the stakeholders and consultants written on the worksheet."""
    people = User.objects.filter(clinic_id=d.clinic_id).values_list("first_name", "last_name")
    names = [f"{first} {last}" for first, last in people]
    # "The client" or "Supervisor" is a role; "Maria Lopez" is a name.
    written = [s.name for s in d.stakeholders.all()] + [c.consultant for c in d.consultations.all()]
    return names + [name for name in written if phi.looks_like_full_name(name)]
