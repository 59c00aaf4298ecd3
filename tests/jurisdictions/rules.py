"""Small rule data for the jurisdiction tests: content in the structured form and a helper
that publishes it the way the loader does."""

from __future__ import annotations

from jurisdictions.kinds import Origin
from jurisdictions.models import Jurisdiction, RuleVersion
from jurisdictions.rows import check_content
from jurisdictions.services import rules_apply

NAMES = {"US-CA": "California", "US-TX": "Texas", "CA-ON": "Ontario"}


def raw(**changes) -> dict:
    """Structured content as a JSON file or the draft editor gives it."""
    return {
        "classification": "mandatory",
        "professions": ["all"],
        "trigger": "Your client seriously threatens violence against someone identifiable.",
        "discharge_steps": [
            "Make reasonable efforts to warn the person at risk",
            "Notify the police",
        ],
        "notify": "The person at risk and a law enforcement agency",
        "time_limits": [{"label": "warning", "when": "immediately"}],
        "citation": "Cal. Civ. Code §43.92",
        "source_urls": ["https://leginfo.legislature.ca.gov/"],
        "verified_on": "",
        "verified_by": "",
        "verification": "unverified",
        "verification_note": "",
        "notes": "",
        **changes,
    }


def content(**changes) -> dict:
    """The same content, checked: as the model stores it."""
    problems: list[str] = []
    checked = check_content(raw(**changes), "test", problems)
    assert not problems, problems
    return checked


def jurisdiction(code: str = "US-CA") -> Jurisdiction:
    return Jurisdiction.objects.get_or_create(
        code=code, defaults={"name": NAMES.get(code, code), "country": code[:2]}
    )[0]


def publish(code: str = "US-CA", duty: str = "duty_to_warn", **changes) -> RuleVersion:
    jurisdiction(code)
    result = rules_apply(rules=[(code, duty, [("", content(**changes))])], origin=Origin.IMPORTED)
    return result.published[0]
