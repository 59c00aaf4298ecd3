"""The side panel's scores: each option's expected value over the stakeholders."""

from __future__ import annotations

import pytest

from cases.models import Consequence, Option, Stakeholder
from cases.scoring import score_options
from cases.selectors import Purpose, deliberation_get

pytestmark = pytest.mark.django_db


def test_it_scores_options_by_expected_value(deliberation):
    a = Option.objects.create(deliberation=deliberation, label="A")
    s1 = Stakeholder.objects.create(deliberation=deliberation, name="Client")
    s2 = Stakeholder.objects.create(deliberation=deliberation, name="Partner")
    Consequence.objects.create(option=a, stakeholder=s1, impact=3, likelihood=90)
    Consequence.objects.create(option=a, stakeholder=s2, impact=-2, likelihood=25)
    d = deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET)
    [score] = score_options(
        options=d.options.all(), stakeholders=d.stakeholders.all(), principle_keys=["autonomy"]
    )
    assert score.expected_value == 2.2  # 3 × 0.9 − 2 × 0.25
    assert (score.estimates, score.cells, score.complete) == (2, 2, True)
    assert score.terms == ["Client: +3 × 0.90 = +2.70", "Partner: -2 × 0.25 = -0.50"]
