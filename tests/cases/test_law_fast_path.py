"""The law of the deliberation's jurisdiction at the top of the fast path: pinned when first
shown, the discharge steps ticked each with its own time, the deadline from when the
clinician learned of the danger, and what to do when the rule does not name them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Deliberation, DischargeTick, PinnedRule
from cases.services import deliberation_create
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PAGE_BUDGET = 12


@pytest.fixture
def rule(db):
    return publish(
        time_limits=[
            {"label": "warning", "when": "immediately"},
            {"label": "written report", "when": "36h"},
        ]
    )


@pytest.fixture
def case(integrated, clinician, rule):
    clinician.clinic.jurisdiction = "US-CA"
    clinician.clinic.save()
    clinician.profession = "psychologist"
    clinician.save()
    d = deliberation_create(
        owner=clinician,
        title="Threat against a neighbour",
        client_reference="CR-7",
        framework_version=integrated,
        urgency="imminent",
    )
    return d


def _page(client, d) -> str:
    return client.get(reverse("cases:urgent", args=[d.pk])).content.decode()


def _tick_url(d, version, step: int) -> str:
    return reverse("cases:law_tick", args=[d.pk, version.pk, step])


def test_it_starts_a_deliberation_on_the_clinics_jurisdiction(case):
    assert case.jurisdiction_code == "US-CA"


def test_it_shows_the_rule_with_its_citation_and_the_disclaimer(owner_client, case):
    html = _page(owner_client, case)
    assert "Duty to warn or protect third parties" in html
    assert "Cal. Civ. Code §43.92" in html
    assert "This is not legal advice; check with your supervisor or counsel." in html


def test_it_pins_the_versions_shown_the_first_time(owner_client, case, rule):
    _page(owner_client, case)
    assert list(PinnedRule.objects.values_list("rule_version", flat=True)) == [rule.pk]


def test_it_keeps_showing_the_pinned_version_after_a_newer_one(owner_client, case):
    _page(owner_client, case)
    publish(citation="Cal. Civ. Code §43.92 (as amended 2027)")
    assert "as amended 2027" not in _page(owner_client, case)


def test_it_warns_to_recheck_a_rule_never_verified(owner_client, case):
    assert "Re-check this rule" in _page(owner_client, case)


def test_it_shows_when_a_recent_rule_was_last_verified(owner_client, clinician, integrated):
    publish(code="US-TX", verified_on=timezone.localdate().isoformat(), verified_by="Counsel")
    d = deliberation_create(
        owner=clinician, title="T", client_reference="R", framework_version=integrated
    )
    Deliberation.objects.filter(pk=d.pk).update(jurisdiction_code="US-TX", urgency="imminent")
    html = _page(owner_client, d)
    assert "last verified" in html and "Re-check this rule" not in html


def test_it_says_plainly_when_the_rule_does_not_name_the_profession(owner_client, case):
    publish(professions=["mft"])
    Deliberation.objects.filter(pk=case.pk).update(jurisdiction_code="US-CA")
    PinnedRule.objects.all().delete()
    assert "This rule does not name your profession (Psychologist)" in _page(owner_client, case)


def test_it_says_so_when_the_profession_is_not_recorded(owner_client, case, clinician):
    publish(professions=["mft"])
    PinnedRule.objects.all().delete()
    clinician.profession = ""
    clinician.save()
    assert "yours is not recorded in your account" in _page(owner_client, case)


def test_it_computes_the_deadline_from_when_you_learned_of_it(owner_client, case, settings):
    learned = datetime(2026, 3, 3, 16, 30, tzinfo=UTC)
    Deliberation.objects.filter(pk=case.pk).update(urgent_learned_at=learned)
    html = _page(owner_client, case)
    assert "by 5 Mar 2026, 04:30" in html.replace("\xa0", " ")


def test_it_records_a_ticked_step_with_its_own_time(owner_client, case, rule):
    _page(owner_client, case)
    response = owner_client.post(
        _tick_url(case, rule, 1), {"done": "on", "done_at": "2026-03-03T16:45"}, **HTMX
    )
    assert "Saved" in response.content.decode() and response["X-Revision"]
    assert DischargeTick.objects.get(step=1).done_at == timezone.make_aware(
        datetime(2026, 3, 3, 16, 45)
    )


def test_it_uses_the_time_of_the_tick_when_none_is_given(owner_client, case, rule):
    _page(owner_client, case)
    owner_client.post(_tick_url(case, rule, 0), {"done": "on", "done_at": ""}, **HTMX)
    assert DischargeTick.objects.get().done_at.date() == timezone.localdate()


def test_it_unticks_a_step(owner_client, case, rule):
    _page(owner_client, case)
    owner_client.post(_tick_url(case, rule, 0), {"done": "on"}, **HTMX)
    owner_client.post(_tick_url(case, rule, 0), {"done_at": ""}, **HTMX)
    assert not DischargeTick.objects.exists()


def test_it_audits_a_tick_as_a_change_of_clinical_content(owner_client, case, rule):
    _page(owner_client, case)
    owner_client.post(_tick_url(case, rule, 0), {"done": "on"}, **HTMX)
    assert AuditEvent.objects.filter(action="change", deliberation_id=case.pk).exists()


def test_it_refuses_a_tick_on_a_signed_deliberation(owner_client, case, rule):
    _page(owner_client, case)
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    response = owner_client.post(_tick_url(case, rule, 0), {"done": "on"}, **HTMX)
    assert response.status_code == 403 and not DischargeTick.objects.exists()


def test_it_says_not_saved_when_signed_while_the_tick_was_on_its_way(owner_client, case, rule):
    from cases import services

    _page(owner_client, case)
    d = Deliberation.objects.get(pk=case.pk)
    Deliberation.objects.filter(pk=case.pk).update(status="signed", signed_at=timezone.now())
    result = services.discharge_step_record(
        deliberation=d, rule_version=rule, step=0, done_at=timezone.now()
    )
    assert "Not saved" in result.refusal.message and not DischargeTick.objects.exists()


def test_it_refuses_a_tick_in_the_future(owner_client, case, rule):
    _page(owner_client, case)
    response = owner_client.post(
        _tick_url(case, rule, 0), {"done": "on", "done_at": "2099-01-01T10:00"}, **HTMX
    )
    assert "Not saved" in response.content.decode() and not DischargeTick.objects.exists()


def test_it_refuses_a_tick_of_a_version_not_shown(owner_client, case):
    other = publish(code="US-TX")
    assert owner_client.post(_tick_url(case, other, 0), {"done": "on"}).status_code == 404


def test_it_refuses_a_tick_of_a_step_the_rule_does_not_have(owner_client, case, rule):
    _page(owner_client, case)
    assert owner_client.post(_tick_url(case, rule, 9), {"done": "on"}).status_code == 404


def test_it_changes_whose_law_applies(owner_client, case):
    publish(code="US-TX", citation="Tex. Health & Safety Code §611.004")
    owner_client.post(reverse("cases:law_jurisdiction", args=[case.pk]), {"jurisdiction": "US-TX"})
    assert "Tex. Health &amp; Safety Code §611.004" in _page(owner_client, case)


def test_it_refuses_an_unknown_jurisdiction(owner_client, case):
    owner_client.post(reverse("cases:law_jurisdiction", args=[case.pk]), {"jurisdiction": "XX-1"})
    assert Deliberation.objects.get(pk=case.pk).jurisdiction_code == "US-CA"


def test_it_guides_on_telehealth(owner_client, case):
    assert "telehealth" in _page(owner_client, case)


def test_it_runs_a_fixed_number_of_queries(owner_client, case):
    _page(owner_client, case)
    for step in range(2):
        owner_client.post(
            _tick_url(case, PinnedRule.objects.get().rule_version, step), {"done": "on"}
        )
    with CaptureQueriesContext(connection) as queries:
        _page(owner_client, case)
    assert len(queries) <= PAGE_BUDGET, [q["sql"][:90] for q in queries]


def test_it_shows_no_rules_and_says_so_without_a_jurisdiction(owner_client, case):
    Deliberation.objects.filter(pk=case.pk).update(jurisdiction_code="")
    assert "No jurisdiction is chosen" in _page(owner_client, case)
