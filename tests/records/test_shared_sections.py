"""The chart note and the full report say the options, the consultation and the decision
with one builder each (issue 14, point 8): the shared parts read the same in both."""

from __future__ import annotations

import pytest

from cases.selectors import Purpose, deliberation_get
from records import rationale


def _section(document, heading):
    return next(s for s in document.sections if s.heading == heading)


@pytest.fixture
def both(complete):
    d = deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)
    return rationale.chart_note(d), rationale.full_report(d)


@pytest.mark.django_db
def test_it_lists_the_same_options_in_both_documents(both):
    chart, report = both
    options = _section(chart, "Options considered").blocks
    assert options == _section(report, "Options").blocks and options[0].items


@pytest.mark.django_db
def test_it_writes_the_same_consultation_in_both_documents(both):
    chart, report = both
    assert _section(chart, "Consultation") == _section(report, "Consultation")


@pytest.mark.django_db
def test_it_starts_the_full_reports_decision_with_the_chart_notes(both):
    chart, report = both
    decision = _section(chart, "Decision").blocks
    assert _section(report, "Decision").blocks[: len(decision)] == decision
