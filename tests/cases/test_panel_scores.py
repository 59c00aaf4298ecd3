"""The side panel's scores come from one query, and say what the loaded rows say."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Consequence, Option, PrincipleMark, Stakeholder
from cases.scoring import score_options
from cases.selectors import Purpose, deliberation_get, option_scores

pytestmark = pytest.mark.django_db
PANEL_TABLES = ("cases_principlemark", "cases_consequence", "cases_stakeholder")


@pytest.fixture
def scored(deliberation):
    options = Option.objects.bulk_create(
        Option(deliberation=deliberation, position=i, label=f"Option {i}") for i in range(3)
    )
    people = Stakeholder.objects.bulk_create(
        Stakeholder(deliberation=deliberation, position=i, name=f"Person {i}") for i in range(2)
    )
    PrincipleMark.objects.create(option=options[0], principle_key="autonomy", strength=2)
    PrincipleMark.objects.create(option=options[1], principle_key="justice", strength=-1)
    Consequence.objects.create(option=options[0], stakeholder=people[1], impact=3, likelihood=75)
    Consequence.objects.create(option=options[0], stakeholder=people[0], impact=-1, likelihood=50)
    Consequence.objects.create(option=options[1], stakeholder=people[0], impact=2, likelihood=None)
    return deliberation


def test_it_scores_in_one_query_as_the_loaded_rows_do(scored):
    keys = [p["key"] for p in scored.framework_version.definition["principles"]]
    d = deliberation_get(pk=scored.pk)
    with CaptureQueriesContext(connection) as captured:
        queried = option_scores(deliberation=d, principle_keys=keys)
    assert len(captured) == 1
    loaded = deliberation_get(pk=scored.pk, purpose=Purpose.WORKSHEET)
    expected = score_options(
        options=loaded.options.all(), stakeholders=loaded.stakeholders.all(), principle_keys=keys
    )
    assert queried == expected


def test_it_reads_the_side_panel_of_an_autosave_in_one_query(owner_client, scored):
    url = reverse("cases:step", args=[scored.pk, "decision"])
    with CaptureQueriesContext(connection) as captured:
        response = owner_client.post(
            url, {"rationale": "Because.", "revision": "1", "tab": "t"}, HTTP_HX_REQUEST="true"
        )
    assert "Expected value" in response.content.decode()
    panel = [q for q in captured if any(t in q["sql"] for t in PANEL_TABLES)]
    assert len(panel) == 1
