"""Fixtures of the bad-input tests (names chosen not to shadow tests/conftest.py)."""

from __future__ import annotations

import datetime

import pytest

from cases.models import (
    Consequence,
    Consultation,
    Deliberation,
    Option,
    PrincipleMark,
    PrivateReflection,
    ProvisionNote,
    Stakeholder,
    VirtueReflection,
)
from cases.services import deliberation_create
from tests.factories import UserFactory


def _filled_deliberation(owner, version, title: str) -> Deliberation:
    """A deliberation with something stored in every part, so a change shows."""
    d = deliberation_create(
        owner=owner, title=title, client_reference="CR-77", framework_version=version
    )
    options = [
        Option.objects.create(deliberation=d, position=n, label=label, description="Details.")
        for n, label in enumerate(["Disclose", "Keep confidential"], start=1)
    ]
    people = [
        Stakeholder.objects.create(
            deliberation=d, position=1, name="The client", kind="client", involved="yes"
        ),
        Stakeholder.objects.create(deliberation=d, position=2, name="Partner", kind="family"),
    ]
    Consultation.objects.create(
        deliberation=d, consultant="Supervisor", kind="supervisor", advice="Document it."
    )
    PrincipleMark.objects.create(
        option=options[0], principle_key="autonomy", strength=-1, reason="Overrides consent."
    )
    Consequence.objects.create(option=options[0], stakeholder=people[1], impact=2, likelihood=75)
    VirtueReflection.objects.create(
        option=options[0], expressed=["honest"], reflection="Honest but hard."
    )
    ProvisionNote.objects.create(
        deliberation=d, provision_key="confidentiality", note="Limits apply."
    )
    PrivateReflection.objects.filter(deliberation=d).update(
        values="Faith in disclosure.", safeguards="Consult a peer."
    )
    Deliberation.objects.filter(pk=d.pk).update(
        facts=["The partner does not know."],
        assumptions=["The client may stop coming."],
        question="Should I disclose or keep it confidential?",
        kinds=["ethical", "legal"],
        code_settles=False,
        legal_duties="State law allows disclosure.",
        jurisdiction="Ontario",
        principle_conflicts="Autonomy and non-maleficence.",
        principle_priority="Non-maleficence, here.",
        character_summary="Be honest and caring.",
        no_consultation_reason="",
        chosen_option=options[1],
        rationale="Trust first.",
        justice_test="yes",
        moral_residue="The partner's risk.",
        action_plan="Revisit in a week.",
        follow_up_date=datetime.date(2026, 3, 1),
        outcome="Pending.",
    )
    return Deliberation.objects.get(pk=d.pk)


@pytest.fixture
def filled(integrated, clinician):
    """The clinician's deliberation, with every part of the worksheet answered."""
    return _filled_deliberation(clinician, integrated, "Disclosure of a partner's HIV status")


@pytest.fixture
def foreign(integrated):
    """Another clinician's deliberation: nothing sent to ours may reach it."""
    return _filled_deliberation(UserFactory(), integrated, "Someone else's dilemma")
