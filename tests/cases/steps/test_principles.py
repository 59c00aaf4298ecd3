"""The principles step: every option marked against every principle, each with a reason."""

from __future__ import annotations

import pytest

from cases.models import Option, PrincipleMark
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_counts_open_principle_cells_and_missing_reasons(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    PrincipleMark.objects.create(option=a, principle_key="autonomy", strength=1)
    _, missing = state_and_missing(deliberation, "principles")
    assert missing == [
        "Mark every option against every principle (11 cells open).",
        "Give a one-line reason for each mark (1 without one).",
        "Say which principles take priority, and why.",
    ]
