"""Own values and bias: the values it touches and the safeguards are needed; it is private
(who may read it: tests/review/test_private_step.py)."""

from __future__ import annotations

import pytest

from cases.models import PrivateReflection
from cases.steps import HANDLERS
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_needs_the_values_and_the_safeguards(deliberation):
    PrivateReflection.objects.filter(deliberation=deliberation).update(values="Faith.")
    assert state_and_missing(deliberation, "values_bias") == (
        "started",
        ["Say how you will keep them from steering the decision."],
    )


def test_it_is_the_only_private_step():
    assert [kind for kind, handler in HANDLERS.items() if handler.private] == ["values_bias"]
