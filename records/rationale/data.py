"""The structured data stored in a signed snapshot (JSON)."""

from __future__ import annotations

from cases.models import Deliberation
from records.rationale.law import law_data
from records.rationale.sections import answer_notes


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
                "learned_at": d.urgent_learned_at.isoformat() if d.urgent_learned_at else None,
            },
            "law": law_data(d),
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
                "later_notes": [
                    {"at": n.created_at.isoformat(), "text": n.text} for n in answer_notes(c)
                ],
            }
            for c in d.consultations.all()
        ],
        "custom_answers": [
            {"step": a.step_key, "question": a.question_key, "answer": a.answer}
            for a in d.custom_answers.all()
        ],
    }
