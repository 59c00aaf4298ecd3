"""A new draft of a rule from the rules screen: a copy of its current version, or the draft
the rule already has; only for the operator and content editors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from jurisdictions.models import RuleVersion

pytestmark = pytest.mark.django_db


def _url(rule_version) -> str:
    return reverse("jurisdictions:draft", args=[rule_version.rule_id])


def test_it_starts_a_draft_copied_from_the_current_version(client, editor, rule):
    client.force_login(editor)
    response = client.post(_url(rule))
    draft = RuleVersion.objects.get(rule=rule.rule, status="draft")
    assert response.url == reverse("jurisdictions:edit", args=[draft.pk])
    assert (draft.number, draft.based_on, draft.content()) == (2, rule, rule.content())
    assert draft.created_by == editor


def test_it_continues_the_draft_the_rule_already_has(client, editor, rule):
    client.force_login(editor)
    client.post(_url(rule))
    client.post(_url(rule))
    assert RuleVersion.objects.filter(rule=rule.rule, status="draft").count() == 1


def test_it_records_the_new_draft_in_the_audit_trail(client, editor, rule):
    client.force_login(editor)
    client.post(_url(rule))
    event = AuditEvent.objects.get(action="admin", path=_url(rule))
    assert event.object_type == "jurisdiction_rule" and "US-CA duty_to_warn v2" in event.detail


def test_it_lets_the_operator_start_a_draft(client, operator, rule):
    client.force_login(operator)
    assert client.post(_url(rule)).status_code == 302
    assert RuleVersion.objects.filter(rule=rule.rule, status="draft").exists()


def test_it_answers_404_for_an_unknown_rule(client, editor):
    client.force_login(editor)
    assert client.post(reverse("jurisdictions:draft", args=[999999])).status_code == 404
