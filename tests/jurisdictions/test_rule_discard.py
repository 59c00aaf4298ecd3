"""Discarding a draft: it goes; the published version stays; a new rule's only draft takes
the rule with it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jurisdictions.models import Rule, RuleVersion
from jurisdictions.services import rule_create, rule_version_draft
from tests.jurisdictions.rules import jurisdiction, raw

pytestmark = pytest.mark.django_db


def _discard(client, version):
    return client.post(reverse("jurisdictions:discard", args=[version.pk]))


def test_it_discards_the_draft_and_keeps_the_published_version(client, editor, rule):
    draft = rule_version_draft(version=rule, user=editor)[0]
    client.force_login(editor)
    assert _discard(client, draft).status_code == 302
    assert not RuleVersion.objects.filter(pk=draft.pk).exists()
    assert RuleVersion.objects.get(pk=rule.pk).status == "published"


def test_it_refuses_to_discard_a_published_version(client, editor, rule):
    client.force_login(editor)
    response = _discard(client, rule)
    assert response.status_code == 302
    assert RuleVersion.objects.filter(pk=rule.pk, status="published").exists()


def test_it_removes_a_new_rule_with_its_only_draft(client, editor):
    draft = rule_create(
        jurisdiction=jurisdiction("US-TX"), duty="child_abuse", content=raw(), user=editor
    )
    client.force_login(editor)
    _discard(client, draft)
    assert not Rule.objects.filter(pk=draft.rule_id).exists()
