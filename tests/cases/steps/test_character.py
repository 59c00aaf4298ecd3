"""The character step: a reflection on each option."""

from __future__ import annotations

import pytest

from cases.models import Option, VirtueReflection
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_needs_a_reflection_per_option_for_character(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    Option.objects.create(deliberation=deliberation, label="B")
    VirtueReflection.objects.create(option=a, reflection="Honest.")
    assert state_and_missing(deliberation, "character")[1] == [
        "Reflect on the character of each option (1 open)."
    ]
