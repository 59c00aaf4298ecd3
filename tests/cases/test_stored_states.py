"""Step pages keep each step's state on the deliberation and load only their own step's rows,
while no save has happened since; any save makes the next page compute the states again."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Deliberation

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _state_of(html: str, key: str) -> str:
    match = re.search(rf'id="state-{key}" class="state state--(\w+)"', html)
    assert match, f"no state badge for {key}"
    return match.group(1)


def _step(client, d, key):
    response = client.get(reverse("cases:step", args=[d.pk, key]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_step_page_stores_the_states_it_computed(owner_client, deliberation):
    _step(owner_client, deliberation, "options")
    deliberation.refresh_from_db()
    assert deliberation.states_revision == deliberation.revision
    assert deliberation.step_states == ["empty"] * 12
    assert deliberation.states_current


def test_a_save_makes_the_next_page_show_the_new_state(owner_client, deliberation):
    _step(owner_client, deliberation, "options")  # stores all "empty"
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    data = {
        "revision": "1",
        "tab": "t",
        "title": "Disclosure",
        "client_reference": "CR-1",
        "facts": "The client disclosed",
        "question": "Should I tell the partner or keep the confidence?",
        "kinds": ["ethical"],
    }
    assert owner_client.post(url, data, **HTMX).status_code == 200
    html = _step(owner_client, deliberation, "options")
    assert _state_of(html, "dilemma") == "complete"
    deliberation.refresh_from_db()
    assert deliberation.step_states[0] == "complete"
    assert deliberation.progress == round(100 / 12)


def test_adding_a_row_on_one_step_changes_its_state_on_another_page(owner_client, deliberation):
    _step(owner_client, deliberation, "dilemma")
    add = reverse("cases:row_add", args=[deliberation.pk, "stakeholders", "stakeholders"])
    assert owner_client.post(add, {"tab": "t"}).status_code in (200, 302)
    # The empty row alone does not start the step; naming the stakeholder does.
    row = Deliberation.objects.get(pk=deliberation.pk).stakeholders.get()
    save = reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk])
    prefix = f"stakeholders-{row.pk}"
    data = {"revision": "99", "tab": "t", f"{prefix}-name": "The client"}
    data[f"{prefix}-kind"] = "client"
    assert owner_client.post(save, data, **HTMX).status_code == 200
    assert _state_of(_step(owner_client, deliberation, "dilemma"), "stakeholders") != "empty"


def test_stored_states_are_only_used_at_the_revision_they_were_computed(deliberation):
    deliberation.step_states = ["complete"] * 12
    deliberation.states_revision = deliberation.revision
    assert deliberation.states_current
    deliberation.revision += 1
    assert not deliberation.states_current
    deliberation.states_revision = deliberation.revision
    deliberation.step_states = ["complete"] * 11  # written for another version's steps
    assert not deliberation.states_current


@pytest.mark.parametrize("key", ["dilemma", "values_bias", "options", "principles", "decision"])
def test_a_page_with_current_states_runs_fewer_queries(owner_client, deliberation, key):
    url = reverse("cases:step", args=[deliberation.pk, key])
    owner_client.get(url)  # the session, and the states stored
    Deliberation.objects.filter(pk=deliberation.pk).update(revision=50)  # as after a save
    with CaptureQueriesContext(connection) as cold:
        owner_client.get(url)
    with CaptureQueriesContext(connection) as warm:
        owner_client.get(url)
    assert len(warm) < len(cold)
    # Only the rows this page shows are read.
    tables = " ".join(q["sql"] for q in warm.captured_queries)
    if key in ("dilemma", "values_bias"):
        assert 'FROM "cases_option"' not in tables
    assert 'FROM "cases_consultation"' not in tables


def test_opening_a_deliberation_goes_to_the_first_unfinished_step_from_stored_states(
    owner_client, deliberation
):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        step_states=["complete", "complete"] + ["empty"] * 10,
        states_revision=deliberation.revision,
    )
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get(reverse("cases:detail", args=[deliberation.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:step", args=[deliberation.pk, "codes_law"])
    assert not [q for q in queries.captured_queries if 'FROM "cases_option"' in q["sql"]]
