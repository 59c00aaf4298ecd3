"""The Principles framework in the practitioner's guide's order: every step opens, the
nature-and-dimensions step (before any option exists) records consultations, and the
options-by-principles matrix comes after the options."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.services import deliberation_create
from frameworks.models import Framework
from frameworks.selectors import current_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def guided(clinician):
    call_command("load_frameworks", verbosity=0)
    version = current_version(Framework.objects.get(clinic=None, slug="principles"))
    return deliberation_create(
        owner=clinician, title="Guide order", client_reference="CR-7", framework_version=version
    )


def test_it_opens_every_step_of_the_principles_framework(owner_client, guided):
    for step in guided.framework_version.spec.steps:
        response = owner_client.get(reverse("cases:step", args=[guided.pk, step.key]))
        assert response.status_code == 200, step.key
        assert step.title in response.content.decode()


def test_it_asks_about_principles_literature_and_consultation_before_the_options(
    owner_client, guided
):
    content = owner_client.get(
        reverse("cases:step", args=[guided.pk, "consultation"])
    ).content.decode()
    assert "Determine the nature and dimensions of the dilemma" in content
    assert "professional literature" in content
    assert "If you did not consult anyone, why not?" in content  # consultations are recorded
    assert "Generate potential courses of action" in content  # the step that follows
