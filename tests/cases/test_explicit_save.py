"""A person's explicit save ("Save", "Save and continue": a plain POST) is never refused by
the autosave rate limit, however many autosaves just ran."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from cases.models import Deliberation, Stakeholder

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def one_second(monkeypatch):
    monkeypatch.setattr("ethicsdesk.ratelimit.time.time", lambda: 1_800_000_000.5)


def _dilemma(**fields):
    return {
        "title": "Disclosure of a partner's HIV status",
        "client_reference": "CR-2291",
        "urgency": "routine",
        "tab": "t",
        **fields,
    }


@override_settings(AUTOSAVE_RATE=3)
def test_it_stores_save_and_continue_right_after_many_autosaves(
    owner_client, deliberation, one_second
):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    codes = {
        owner_client.post(url, {"question": f"v{i}", "tab": "t"}, **HTMX).status_code
        for i in range(6)
    }
    assert 429 in codes  # the autosaves did hit the limit

    response = owner_client.post(url, _dilemma(question="My final words.", go="values_bias"))

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:step", args=[deliberation.pk, "values_bias"])
    assert Deliberation.objects.get(pk=deliberation.pk).question == "My final words."


@override_settings(AUTOSAVE_RATE=3)
def test_it_stores_an_explicit_row_save_right_after_many_autosaves(
    owner_client, deliberation, one_second
):
    row = Stakeholder.objects.create(deliberation=deliberation, position=1)
    url = reverse("cases:row_save", args=[deliberation.pk, "stakeholders", "stakeholders", row.pk])
    name = f"stakeholders-{row.pk}-name"
    for i in range(6):
        owner_client.post(url, {name: f"v{i}", "tab": "t"}, **HTMX)

    kind = f"stakeholders-{row.pk}-kind"
    response = owner_client.post(url, {name: "The client", kind: "client", "tab": "t"})

    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "The client"
