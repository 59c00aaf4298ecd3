"""The consequences step: every option's effect on every stakeholder."""

from __future__ import annotations

import pytest

from cases.models import Consequence, Option, Stakeholder
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_counts_open_consequence_cells(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    s = Stakeholder.objects.create(deliberation=deliberation, name="Client")
    Consequence.objects.create(option=a, stakeholder=s, impact=1, likelihood=50)
    assert state_and_missing(deliberation, "consequences")[1] == [
        "Estimate every option's effect on every stakeholder (1 open)."
    ]
