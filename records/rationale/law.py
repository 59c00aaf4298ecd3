"""The law in the record: the jurisdiction, each rule shown (pinned) with its citation and
verification, the clinician's judgment of it (applies, and why), and each discharge step
with the time it was done. Chart note, full report
and the signed snapshot's data say the same (one builder each, from ``cases.law``)."""

from __future__ import annotations

from cases.law import LawRecord, law_record
from cases.models import Deliberation
from records.document import Section, dl, note, ul
from records.rationale.text import record_time

NOT_ADVICE = (
    "The rules are EthicsDesk's summary of the law as recorded on the dates shown, not legal "
    "advice."
)


def _judged(r: LawRecord) -> list[tuple[str, str]]:
    """The clinician's judgment of a rule shown (codes-and-law step), when they recorded one."""
    if not (r.applies or r.why):
        return []
    label = r.applies_label or "Not recorded"
    return [("Clinician's judgment", f"{label}: {r.why}" if r.why else f"{label}.")]


def law_section(d: Deliberation, heading: str) -> Section:
    records = law_record(d)
    if not records:
        return Section(heading, [])
    names = {r.version.rule.jurisdiction.code: str(r.version.rule.jurisdiction) for r in records}
    applies = names.get(d.jurisdiction_code, d.jurisdiction_code) or "not chosen"
    blocks = [dl([("Jurisdiction that applies", applies)])]
    for r in records:
        v = r.version
        rule = v.rule
        blocks.append(
            dl(
                [
                    (
                        f"{rule.get_duty_display()} ({rule.jurisdiction.code})",
                        f"{v.get_classification_display()}. {v.citation or 'No citation'}; "
                        f"{v.verification_phrase}; version {v.number}, "
                        f"shown {record_time(r.shown_at)}.",
                    )
                ]
                + _judged(r)
            )
        )
        blocks.append(
            ul(
                [
                    f"{step.text}: done {record_time(step.done_at)}"
                    if step.done_at
                    else f"{step.text}: not ticked"
                    for step in r.steps
                ]
            )
        )
    blocks.append(note(NOT_ADVICE))
    return Section(heading, blocks)


def law_data(d: Deliberation) -> dict:
    """The same, for the signed snapshot's structured data."""
    return {
        "jurisdiction": d.jurisdiction_code,
        "rules": [
            {
                "rule_version": r.version.pk,
                "jurisdiction": r.version.rule.jurisdiction.code,
                "duty": r.version.rule.duty,
                "number": r.version.number,
                "classification": r.version.classification,
                "citation": r.version.citation,
                "verified_on": r.version.verified_on.isoformat() if r.version.verified_on else None,
                "verification": r.version.verification,
                "shown_at": r.shown_at.isoformat(),
                "applies": r.applies,
                "why": r.why,
                "steps": [
                    {
                        "step": s.text,
                        "done_at": s.done_at.isoformat() if s.done_at else None,
                    }
                    for s in r.steps
                ],
            }
            for r in law_record(d)
        ],
    }
