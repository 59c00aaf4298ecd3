"""The closing steps: the decision lists all it needs; signing needs nothing from Review and
sign or the follow-up."""

from __future__ import annotations

import datetime

import pytest

from cases.models import Option
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_lists_the_whole_decision(deliberation):
    option = Option.objects.create(deliberation=deliberation, label="A")
    deliberation.chosen_option = option
    deliberation.rationale = "Because."
    deliberation.follow_up_date = datetime.date(2026, 12, 1)
    deliberation.save()
    _, missing = state_and_missing(deliberation, "decision")
    assert "Answer the justice test." in missing
    assert "Choose one of the options." not in missing
    assert "Set a follow-up date." not in missing


def test_it_completes_the_follow_up_with_an_outcome_and_lessons(deliberation):
    deliberation.outcome = "It went well."
    deliberation.save()
    assert state_and_missing(deliberation, "follow_up") == ("started", [])
    deliberation.lessons = "Ask earlier."
    deliberation.save()
    assert state_and_missing(deliberation, "follow_up")[0] == "complete"
