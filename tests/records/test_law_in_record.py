"""The record names the jurisdiction, the rules shown (citation, verification date) and each
discharge step with its time: chart note, full report (HTML and text) and the signed
snapshot, which keeps the pinned version after a newer one is published."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from cases.law import law_versions
from cases.models import Deliberation, DischargeTick
from cases.selectors import Purpose, deliberation_get
from records.rationale import chart_note, full_report
from records.render import document_text
from records.services import deliberation_sign
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db
DONE = timezone.make_aware(datetime(2026, 3, 3, 16, 40))


@pytest.fixture
def shown(complete):
    """The complete example, imminent in US-CA, its rule shown and the first step ticked."""
    rule = publish(
        verified_on="2026-11-02",
        verified_by="Counsel",
        verification="statute_text",
        verification_note="Read on leginfo.",
    )
    Deliberation.objects.filter(pk=complete.pk).update(
        urgency="imminent", jurisdiction_code="US-CA"
    )
    d = deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)
    law_versions(d, pin=True)
    DischargeTick.objects.create(deliberation=d, rule_version=rule, step=0, done_at=DONE)
    return deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)


def test_it_names_the_rule_and_its_verification_in_the_chart_note(shown):
    text = document_text(chart_note(shown))
    assert "Cal. Civ. Code §43.92; last verified 2 November 2026 by Counsel" in text


def test_it_gives_each_discharge_step_its_time_in_the_full_report(shown):
    text = document_text(full_report(shown))
    assert "Make reasonable efforts to warn the person at risk: done 3 March 2026, 16:40" in text
    assert "Notify the police: not ticked" in text


def test_it_names_the_jurisdiction(shown):
    assert "California (US-CA)" in document_text(chart_note(shown))


def test_it_keeps_the_pinned_version_in_the_signed_snapshot(shown, author):
    publish(citation="Cal. Civ. Code §43.92 (as amended 2027)")
    snapshot = deliberation_sign(deliberation=shown, user=author).snapshot
    assert "Cal. Civ. Code §43.92;" in snapshot.chart_note_text
    assert "as amended 2027" not in snapshot.report_text
    steps = snapshot.data["deliberation"]["law"]["rules"][0]["steps"]
    assert steps[0]["done_at"] == DONE.isoformat()


def test_it_says_nothing_of_the_law_for_a_routine_deliberation(complete):
    assert "The law shown" not in document_text(chart_note(complete))
