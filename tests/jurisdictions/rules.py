"""Small rule data for the jurisdiction tests: content in the structured form, a helper that
publishes it the way the loader does, the edit form as a browser posts it, and the content
editor's permission."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from accounts.models import User
from jurisdictions.forms import RuleContentForm
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


def grant_rule_editing(person: User) -> User:
    person.user_permissions.add(
        Permission.objects.get(content_type__app_label="jurisdictions", codename="edit_rules")
    )
    return person


def form_data(version=None, **changes) -> dict:
    """The edit form as a browser posts it: ``version``'s content, with ``changes``."""
    data = RuleContentForm.initial_for(version) if version is not None else {}
    data = {k: v for k, v in data.items() if v is not None}
    data.update(changes)
    return data
