"""Retiring a published version without a newer one: new deliberations no longer see the
rule; the version itself stays (the database keeps it and its content)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jurisdictions.selectors import current_rules
from jurisdictions.services import rule_version_draft

pytestmark = pytest.mark.django_db


def _retire(client, version):
    return client.post(reverse("jurisdictions:retire", args=[version.pk]))


def test_it_retires_the_published_version(client, editor, rule):
    client.force_login(editor)
    assert _retire(client, rule).status_code == 302
    rule.refresh_from_db()
    assert rule.status == "retired" and rule.retired_at is not None
    assert current_rules(jurisdiction_code="US-CA") == []


def test_it_refuses_to_retire_a_draft(client, editor, rule):
    draft = rule_version_draft(version=rule, user=editor)[0]
    client.force_login(editor)
    response = _retire(client, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_draft
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == ["Not retired: Only a published version can be retired; this one is draft."]


def test_it_lets_a_new_draft_start_from_a_retired_version(client, editor, rule):
    client.force_login(editor)
    _retire(client, rule)
    client.post(reverse("jurisdictions:draft", args=[rule.rule_id]))
    assert rule.rule.versions.get(status="draft").based_on == rule
