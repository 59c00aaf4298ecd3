"""For the codes-and-law step's tests: a deliberation in US-CA (the clinic's jurisdiction)
with California's duty-to-warn rule published (``case``, ``rule``), and its page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.services import deliberation_create
from tests.jurisdictions.rules import publish

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rule(db):
    return publish(
        verified_on="2026-11-02",
        verified_by="Counsel",
        verification="statute_text",
        verification_note="Read on leginfo.",
        source_urls=["https://leginfo.legislature.ca.gov/faces/codes.xhtml"],
    )


@pytest.fixture
def case(integrated, clinician, rule):
    clinician.clinic.jurisdiction = "US-CA"
    clinician.clinic.save()
    clinician.profession = "psychologist"
    clinician.save()
    return deliberation_create(
        owner=clinician,
        title="Threat against a neighbour",
        client_reference="CR-7",
        framework_version=integrated,
    )


def step_url(d) -> str:
    return reverse("cases:step", args=[d.pk, "codes_law"])


def page(client, d) -> str:
    response = client.get(step_url(d))
    assert response.status_code == 200
    return response.content.decode()
