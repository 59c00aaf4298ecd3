"""The registry: one handler for every step kind a framework may hold, and readiness to sign."""

from __future__ import annotations

import pytest

from cases.selectors import deliberation_for_worksheet
from cases.steps import HANDLERS, readiness
from frameworks.definition import STEP_KINDS
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_has_a_handler_for_every_kind_the_framework_validation_accepts():
    assert set(HANDLERS) == set(STEP_KINDS)
    assert all(kind == handler.kind for kind, handler in HANDLERS.items())


def test_it_starts_every_step_empty(deliberation):
    for kind in ("dilemma", "stakeholders", "options", "principles", "decision"):
        assert state_and_missing(deliberation, kind)[0] == "empty"


def test_it_lists_everything_missing_before_signing_in_step_order(deliberation):
    d = deliberation_for_worksheet(pk=deliberation.pk)
    items = readiness(d, d.framework_version.spec)
    steps = [step.key for step, _ in items]
    assert steps[0] == "dilemma" and steps[-1] == "decision"
    assert "review_sign" not in steps and "follow_up" not in steps
