"""The dilemma step: facts, a question and a kind are needed to sign."""

from __future__ import annotations

import pytest

from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_needs_facts_a_question_and_a_kind_for_the_dilemma(deliberation):
    deliberation.facts = ["A fact."]
    deliberation.save()
    state, missing = state_and_missing(deliberation, "dilemma")
    assert state == "started"
    assert missing == [
        "State the dilemma as “Should I … or …?”.",
        "Say what kind of dilemma it is.",
    ]
