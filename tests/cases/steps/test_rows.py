"""The row steps: stakeholders (the client among them), options, consultations."""

from __future__ import annotations

import pytest

from cases.models import Consultation, Option, Stakeholder
from tests.cases.steps import state_and_missing

pytestmark = pytest.mark.django_db


def test_it_needs_the_client_and_their_involvement_among_stakeholders(deliberation):
    Stakeholder.objects.create(deliberation=deliberation, name="Partner", kind="family")
    assert state_and_missing(deliberation, "stakeholders")[1] == [
        "Add the client as a stakeholder."
    ]
    Stakeholder.objects.create(deliberation=deliberation, name="Client", kind="client")
    assert state_and_missing(deliberation, "stakeholders")[1] == [
        "Record whether and how the client was involved."
    ]


def test_it_needs_two_options(deliberation):
    Option.objects.create(deliberation=deliberation, label="Only one")
    assert state_and_missing(deliberation, "options") == (
        "started",
        ["Describe at least two options."],
    )


def test_it_accepts_a_reason_for_not_consulting(deliberation):
    deliberation.no_consultation_reason = "Out of hours; consulted the code directly."
    deliberation.save()
    assert state_and_missing(deliberation, "consultation")[0] == "complete"


def test_it_needs_the_consultants_advice(deliberation):
    Consultation.objects.create(deliberation=deliberation, consultant="Supervisor")
    assert state_and_missing(deliberation, "consultation")[1] == [
        "Say who was consulted and what they advised."
    ]
