"""The urgent-action answers are listed once (cases.models.URGENT_ANSWERS): the form asks
them, the service stores them as ``urgent_<name>``, the form reads them back from there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cases.forms.urgent import UrgentForm
from cases.models import URGENT_ANSWERS
from cases.selectors import deliberation_get
from cases.services import urgent_action_record

pytestmark = pytest.mark.django_db


def test_it_asks_exactly_the_listed_answers():
    assert tuple(UrgentForm(duties=[]).fields) == URGENT_ANSWERS


def test_it_shows_again_what_the_service_stored(deliberation, settings):
    settings.TIME_ZONE = "UTC"
    urgent_action_record(
        deliberation=deliberation,
        duties=[],
        action=" Called emergency services. ",
        contacts="Crisis line",
        supervisor_notified=False,
        action_at=datetime(2026, 3, 3, 22, 5, tzinfo=UTC),
        learned_at=datetime(2026, 3, 3, 21, 50, tzinfo=UTC),
    )
    initial = UrgentForm.initial_for(deliberation_get(pk=deliberation.pk))
    assert initial == {
        "learned_at": "2026-03-03T21:50",
        "duties": [],
        "action": "Called emergency services.",
        "contacts": "Crisis line",
        "supervisor_notified": "no",
        "action_at": "2026-03-03T22:05",
    }
