"""Codes and law shows the rules of the deliberation's jurisdiction for the clinician's
profession beside the code provisions: classification, trigger, citation with its source and
verification, "not legal advice"; showing them pins them (cases.law, as on the fast path) and
the clinician can change whose law applies there."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Deliberation, PinnedRule
from tests.cases.steps.conftest import page, step_url
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db
# The step's budget (tests/cases/test_speed.py) plus the rules shown, one query.
PAGE_BUDGET = 8


def test_it_shows_the_rule_with_its_classification_and_trigger(owner_client, case):
    html = page(owner_client, case)
    assert "Duty to warn or protect third parties" in html
    assert "law-rule__class--mandatory" in html
    assert "Your client seriously threatens violence against someone identifiable." in html


def test_it_shows_the_citation_its_source_and_when_it_was_verified(owner_client, case):
    html = page(owner_client, case)
    assert "Cal. Civ. Code §43.92" in html
    assert 'href="https://leginfo.legislature.ca.gov/faces/codes.xhtml"' in html
    assert "last verified 2 November 2026 by Counsel" in html
    assert "Re-check this rule" not in html


def test_it_warns_to_recheck_a_rule_verified_more_than_a_year_ago(owner_client, case):
    publish(verified_on="2024-01-05", verification="statute_text", verification_note="Read.")
    PinnedRule.objects.all().delete()
    assert "Re-check this rule" in page(owner_client, case)


def test_it_says_it_is_not_legal_advice(owner_client, case):
    assert "This is not legal advice" in page(owner_client, case)


def test_it_never_calls_an_unclear_rule_no_duty(owner_client, case):
    publish(classification="unclear", citation="")
    PinnedRule.objects.all().delete()
    html = page(owner_client, case)
    assert "law-rule__class--unclear" in html and "no duty" not in html.lower()


def test_it_says_when_the_rule_does_not_name_the_profession(owner_client, case):
    publish(professions=["mft"])
    PinnedRule.objects.all().delete()
    assert "This rule does not name your profession (Psychologist)" in page(owner_client, case)


def test_it_pins_the_rules_shown_and_notes_when(owner_client, case, rule):
    page(owner_client, case)
    assert list(PinnedRule.objects.values_list("rule_version", flat=True)) == [rule.pk]
    assert Deliberation.objects.get(pk=case.pk).law_shown_at is not None


def test_it_keeps_showing_the_pinned_version_after_a_newer_one(owner_client, case):
    page(owner_client, case)
    publish(citation="Cal. Civ. Code §43.92 (as amended 2027)")
    assert "as amended 2027" not in page(owner_client, case)


def test_it_does_not_pin_for_a_reader_who_may_not_edit(owner_client, case):
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    html = page(owner_client, case)
    assert not PinnedRule.objects.exists()
    assert Deliberation.objects.get(pk=case.pk).law_shown_at is None
    assert "law-rule--step" not in html  # a signed record shows only what it pinned


def test_it_offers_to_add_the_citation_to_the_legal_duties(owner_client, case):
    html = page(owner_client, case)
    assert (
        'data-add-citation="Cal. Civ. Code §43.92 (duty to warn or protect third parties, US-CA)"'
        in html
    )
    assert 'data-target="id_legal_duties"' in html
    assert '<script src="/static/js/law-citation.js" defer></script>' in html


def test_it_changes_whose_law_applies_from_the_step(owner_client, case):
    publish(code="US-TX", citation="Tex. Health & Safety Code §611.004")
    response = owner_client.post(
        step_url(case),
        {"revision": str(case.revision), "jurisdiction_code": "US-TX", "go": "codes_law"},
    )
    assert response.status_code == 302 and response["Location"] == step_url(case)
    assert "Tex. Health &amp; Safety Code §611.004" in page(owner_client, case)


def test_it_refuses_an_unknown_jurisdiction_and_keeps_the_old_one(owner_client, case):
    page(owner_client, case)  # the rule is pinned: the page again shows it too
    data = {"revision": str(case.revision), "jurisdiction_code": "XX-1"}
    response = owner_client.post(step_url(case), data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert Deliberation.objects.get(pk=case.pk).jurisdiction_code == "US-CA"


def test_it_keeps_the_old_free_text_jurisdiction_as_notes(owner_client, case):
    Deliberation.objects.filter(pk=case.pk).update(jurisdiction="Client in Oregon by video")
    html = page(owner_client, case)
    assert "Notes on jurisdiction" in html and "Client in Oregon by video" in html


def test_it_says_so_when_no_jurisdiction_is_chosen(owner_client, case):
    Deliberation.objects.filter(pk=case.pk).update(jurisdiction_code="")
    assert "No jurisdiction is chosen" in page(owner_client, case)


def test_it_shows_the_rules_in_a_fixed_number_of_queries(owner_client, case):
    publish(duty="child_abuse", citation="Cal. Penal Code §11166")
    page(owner_client, case)  # pins them and warms the stored progress
    with CaptureQueriesContext(connection) as queries:
        page(owner_client, case)
    assert len(queries) <= PAGE_BUDGET, [q["sql"][:90] for q in queries]


def test_it_keeps_a_jurisdiction_without_rules_chosen_in_the_picker(owner_client, case):
    Deliberation.objects.filter(pk=case.pk).update(jurisdiction_code="US-WY")
    html = page(owner_client, case)
    assert '<option value="US-WY" selected>US-WY</option>' in html
    assert "No rules are recorded for US-WY." in html
