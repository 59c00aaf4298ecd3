"""Every deliberation that showed rules (the codes-and-law step shows them to all, not only
imminent ones) says so in its record: the jurisdiction, the rules with citation and
verification, the clinician's judgment (applies, and why) and each discharge step. The chart
note, the full report (HTML, text, PDF), Review and sign, and the signed snapshot; a
deliberation that never showed a rule pays no query for it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cases.law import judgments_save, law_record, law_versions
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records.services import deliberation_sign
from tests.jurisdictions.rules import publish
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db
WHY = "He named his neighbour and has a weapon."


@pytest.fixture
def judged(complete):
    """The complete (routine) example in US-CA, California's rule shown on Codes and law and
    judged to apply."""
    rule = publish(
        verified_on="2026-11-02",
        verified_by="Counsel",
        verification="statute_text",
        verification_note="Read on leginfo.",
    )
    Deliberation.objects.filter(pk=complete.pk).update(jurisdiction_code="US-CA")
    d = deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)
    law_versions(d, pin=True)
    judgments_save(d, {rule.pk: {"applies": "applies", "why": WHY}})
    return deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)


def _get(client, name, d, kind) -> bytes:
    response = client.get(reverse(name, args=[d.pk, kind]))
    assert response.status_code == 200
    return response.content


def test_it_puts_the_law_of_a_routine_deliberation_in_the_chart_note(author_client, judged):
    html = _get(author_client, "records:rationale", judged, "chart-note").decode()
    assert judged.urgency == "routine"
    assert "California (US-CA)" in html
    assert "Cal. Civ. Code §43.92; last verified 2 November 2026 by Counsel" in html


def test_it_gives_the_judgment_in_the_chart_note(author_client, judged):
    html = _get(author_client, "records:rationale", judged, "chart-note").decode()
    assert f"Applies: {WHY}" in html


def test_it_gives_the_judgment_in_the_full_report_text(author_client, judged):
    client = password_confirmed(author_client)
    text = _get(client, "records:text", judged, "report").decode()
    assert f"Applies: {WHY}" in text
    assert "Make reasonable efforts to warn the person at risk: not ticked" in text


def test_it_gives_the_judgment_in_the_full_report_pdf(author_client, judged):
    client = password_confirmed(author_client)
    content = _get(client, "records:pdf", judged, "report")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Applies: He named his neighbour" in " ".join(text.split())


def test_it_gives_the_judgment_on_review_and_sign(author_client, judged):
    response = author_client.get(reverse("cases:step", args=[judged.pk, "review_sign"]))
    assert f"Applies: {WHY}" in response.content.decode()


def test_it_keeps_the_judgment_in_the_signed_snapshot(judged, author):
    snapshot = deliberation_sign(deliberation=judged, user=author).snapshot
    assert f"Applies: {WHY}" in snapshot.chart_note_text
    rule = snapshot.data["deliberation"]["law"]["rules"][0]
    assert (rule["applies"], rule["why"]) == ("applies", WHY)


def test_it_costs_no_query_when_no_rule_was_shown(complete, django_assert_num_queries):
    assert complete.law_shown_at is None
    with django_assert_num_queries(0):
        assert law_record(complete) == []


def test_it_reads_the_law_shown_in_one_query(judged, django_assert_num_queries):
    with django_assert_num_queries(1):
        records = law_record(judged)
    assert [r.applies for r in records] == ["applies"]


def test_it_gives_the_judgment_in_the_full_report_html(author_client, judged):
    client = password_confirmed(author_client)
    html = _get(client, "records:rationale", judged, "report").decode()
    assert f"Applies: {WHY}" in html
