"""What each step kind needs before it counts as complete, and the readiness to sign."""

from __future__ import annotations

import datetime

import pytest

from cases.models import (
    Consequence,
    Consultation,
    Option,
    PrincipleMark,
    ProvisionNote,
    Stakeholder,
    VirtueReflection,
)
from cases.scoring import score_options
from cases.selectors import deliberation_for_worksheet
from cases.steps import HANDLERS, readiness

pytestmark = pytest.mark.django_db


def _state(d, kind):
    d = deliberation_for_worksheet(pk=d.pk)
    definition = d.framework_version.definition
    step = next(s for s in definition["steps"] if s["kind"] == kind)
    return HANDLERS[kind].state(d, definition, step), HANDLERS[kind].missing(d, definition)


def test_it_starts_every_step_empty(deliberation):
    for kind in ("dilemma", "stakeholders", "options", "principles", "decision"):
        assert _state(deliberation, kind)[0] == "empty"


def test_it_needs_facts_a_question_and_a_kind_for_the_dilemma(deliberation):
    deliberation.facts = ["A fact."]
    deliberation.save()
    state, missing = _state(deliberation, "dilemma")
    assert state == "started"
    assert missing == [
        "State the dilemma as “Should I … or …?”.",
        "Say what kind of dilemma it is.",
    ]


def test_it_needs_the_client_and_their_involvement_among_stakeholders(deliberation):
    Stakeholder.objects.create(deliberation=deliberation, name="Partner", kind="family")
    assert _state(deliberation, "stakeholders")[1] == ["Add the client as a stakeholder."]
    Stakeholder.objects.create(deliberation=deliberation, name="Client", kind="client")
    assert _state(deliberation, "stakeholders")[1] == [
        "Record whether and how the client was involved."
    ]


def test_it_needs_two_options(deliberation):
    Option.objects.create(deliberation=deliberation, label="Only one")
    assert _state(deliberation, "options") == ("started", ["Describe at least two options."])


def test_it_counts_open_principle_cells_and_missing_reasons(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    PrincipleMark.objects.create(option=a, principle_key="autonomy", strength=1)
    _, missing = _state(deliberation, "principles")
    assert missing == [
        "Mark every option against every principle (11 cells open).",
        "Give a one-line reason for each mark (1 without one).",
        "Say which principles take priority, and why.",
    ]


def test_it_counts_open_consequence_cells(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    s = Stakeholder.objects.create(deliberation=deliberation, name="Client")
    Consequence.objects.create(option=a, stakeholder=s, impact=1, likelihood=50)
    assert _state(deliberation, "consequences")[1] == [
        "Estimate every option's effect on every stakeholder (1 open)."
    ]


def test_it_needs_a_reflection_per_option_for_character(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    VirtueReflection.objects.create(option=a, reflection="Honest.")
    assert _state(deliberation, "character")[1] == [
        "Reflect on the character of each option (1 open)."
    ]


def test_it_accepts_a_reason_for_not_consulting(deliberation):
    deliberation.no_consultation_reason = "Out of hours; consulted the code directly."
    deliberation.save()
    assert _state(deliberation, "consultation")[0] == "complete"


def test_it_needs_the_consultants_advice(deliberation):
    Consultation.objects.create(deliberation=deliberation, consultant="Supervisor")
    assert _state(deliberation, "consultation")[1] == [
        "Say who was consulted and what they advised."
    ]


def test_it_needs_a_provision_and_the_law_for_codes(deliberation):
    ProvisionNote.objects.create(deliberation=deliberation, provision_key="confidentiality")
    assert _state(deliberation, "codes_law")[1] == ["Note the legal duties and the jurisdiction."]


def test_it_lists_the_whole_decision(deliberation):
    option = Option.objects.create(deliberation=deliberation, label="A")
    deliberation.chosen_option = option
    deliberation.rationale = "Because."
    deliberation.follow_up_date = datetime.date(2026, 12, 1)
    deliberation.save()
    _, missing = _state(deliberation, "decision")
    assert "Answer the justice test." in missing
    assert "Choose one of the options." not in missing
    assert "Set a follow-up date." not in missing


def test_it_lists_everything_missing_before_signing_in_step_order(deliberation):
    d = deliberation_for_worksheet(pk=deliberation.pk)
    items = readiness(d, d.framework_version.definition)
    steps = [step["key"] for step, _ in items]
    assert steps[0] == "dilemma" and steps[-1] == "decision"
    assert "review_sign" not in steps and "follow_up" not in steps


def test_it_scores_options_by_expected_value(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    s1 = Stakeholder.objects.create(deliberation=deliberation, name="Client")
    s2 = Stakeholder.objects.create(deliberation=deliberation, name="Partner")
    Consequence.objects.create(option=a, stakeholder=s1, impact=3, likelihood=90)
    Consequence.objects.create(option=a, stakeholder=s2, impact=-2, likelihood=25)
    d = deliberation_for_worksheet(pk=deliberation.pk)
    [score] = score_options(
        options=d.options.all(), stakeholders=d.stakeholders.all(), principle_keys=["autonomy"]
    )
    assert score.expected_value == 2.2  # 3 × 0.9 − 2 × 0.25
    assert (score.estimates, score.cells, score.complete) == (2, 2, True)
    assert score.terms == ["Client: +3 × 0.90 = +2.70", "Partner: -2 × 0.25 = -0.50"]
