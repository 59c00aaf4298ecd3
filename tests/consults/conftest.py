"""One clinic: the owner of a deliberation, a colleague asked about it, an unrelated
colleague, a clinician of another clinic; an open request to the colleague."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.models import Option
from consults import services
from tests.factories import ClinicFactory, UserFactory

QUESTION = "Would you disclose here? QUESTION-MARKER-91"


@pytest.fixture
def colleague(clinician):
    return UserFactory(
        clinic=clinician.clinic, first_name="Ana", last_name="Ruiz", email="ana@clinic.example"
    )


@pytest.fixture
def unrelated(clinician):
    return UserFactory(clinic=clinician.clinic)


@pytest.fixture
def outsider(db):
    return UserFactory(clinic=ClinicFactory())


@pytest.fixture
def options(deliberation):
    return [
        Option.objects.create(deliberation=deliberation, position=n, label=label)
        for n, label in enumerate(["Disclose", "Keep confidential"], start=1)
    ]


def later(days: int = 7) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def consult(deliberation, clinician, colleague, options):
    """An open request to the colleague about the dilemma and the options."""
    return services.consult_ask(
        deliberation=deliberation,
        asked_by=clinician,
        question=QUESTION,
        step_keys=["dilemma", "options"],
        answer_by=later(),
        colleagues=[colleague],
    )


@pytest.fixture
def colleague_client(client, colleague):
    client.force_login(colleague)
    return client
