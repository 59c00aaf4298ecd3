"""Adding a rule for a jurisdiction and duty that has none: saved as a draft (checked like an
import) and previewed; a duty the jurisdiction already has is refused with the reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jurisdictions.models import RuleVersion
from tests.jurisdictions.rules import form_data, jurisdiction

pytestmark = pytest.mark.django_db
URL = reverse("jurisdictions:rule_new")


def _data(**changes) -> dict:
    defaults = dict(
        jurisdiction="US-TX",
        duty="child_abuse",
        classification="mandatory",
        professions=["all"],
        trigger="Cause to believe a child has been abused or neglected.",
        discharge_steps="Report to the Department of Family and Protective Services",
        time_limits="report :: 48h",
        citation="Tex. Fam. Code §261.101",
        source_urls="https://statutes.capitol.texas.gov/",
        verification="unverified",
    )
    return form_data(**{**defaults, **changes})


def test_it_creates_the_rule_as_a_draft_and_opens_its_preview(client, editor):
    jurisdiction("US-TX")
    client.force_login(editor)
    response = client.post(URL, _data())
    draft = RuleVersion.objects.get(rule__jurisdiction__code="US-TX", rule__duty="child_abuse")
    assert response.url == reverse("jurisdictions:preview", args=[draft.pk])
    assert (draft.status, draft.number, draft.citation) == ("draft", 1, "Tex. Fam. Code §261.101")


def test_it_preselects_the_jurisdiction_of_the_rules_screen(client, editor):
    jurisdiction("US-TX")
    client.force_login(editor)
    html = client.get(URL, {"jurisdiction": "US-TX"}).content.decode()
    assert '<option value="US-TX" selected>' in html


def test_it_refuses_a_duty_the_jurisdiction_already_has(client, editor, rule):
    client.force_login(editor)
    response = client.post(URL, _data(jurisdiction="US-CA", duty="duty_to_warn", notes="Kept."))
    html = response.content.decode()
    assert "US-CA already has this rule: start a new draft of it." in html and "Kept." in html
    assert RuleVersion.objects.count() == 1


def test_it_shows_the_validators_problems_beside_the_fields(client, editor):
    jurisdiction("US-TX")
    client.force_login(editor)
    html = client.post(URL, _data(trigger="", citation="")).content.decode()
    assert "Trigger is empty." in html and "Citation is empty" in html
    assert not RuleVersion.objects.exists()
