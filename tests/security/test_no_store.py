"""No response carrying clinical content may be kept by a browser or proxy cache (item 11):
every route of the route matrix, for every signed-in actor, answers Cache-Control: no-store.
Clinical content reaches only signed-in users, so that covers every clinical response."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.test_route_matrix import ACTORS, ROUTES, world  # noqa: F401

pytestmark = pytest.mark.django_db
SIGNED_IN = ["owner", "supervisor_after", "consultant", "admin"]


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_it_forbids_storing_any_signed_in_response(client, world, route):  # noqa: F811
    method, url_for, _ = ROUTES[route]
    for actor in SIGNED_IN:
        client.force_login(world["people"][actor])
        response = client.get(url_for(world)) if method == "get" else client.post(url_for(world))
        assert "no-store" in response.get("Cache-Control", ""), (route, actor)


@pytest.mark.parametrize("suffix", ["", "?download=1"])
def test_it_forbids_storing_the_chart_note_text_and_pdf(owner_client, deliberation, suffix):
    for name in ("records:text", "records:pdf", "records:rationale"):
        url = reverse(name, args=[deliberation.pk, "chart-note"]) + suffix
        response = owner_client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_it_forbids_storing_a_step_partial(owner_client, deliberation):
    response = owner_client.get(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]), HTTP_HX_REQUEST="true"
    )
    assert "no-store" in response["Cache-Control"]
