"""The preview of a draft: the rule exactly as the fast path's panel shows it (the same
template), with the deadlines counted from now and nothing to tick."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jurisdictions.services import rule_version_draft, rule_version_edit
from tests.jurisdictions.rules import raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(rule, editor):
    draft = rule_version_draft(version=rule, user=editor)[0]
    return rule_version_edit(
        version=draft,
        content=raw(
            classification="permissive",
            discharge_steps=["Warn the person at risk", "Tell the police"],
            time_limits=[{"label": "written report", "when": "36h"}],
            notes="A note for the preview.",
        ),
    )


def _html(client, version) -> str:
    return client.get(reverse("jurisdictions:preview", args=[version.pk])).content.decode()


def test_it_shows_the_draft_as_the_fast_path_panel_does(client, editor, draft):
    client.force_login(editor)
    html = _html(client, draft)
    assert 'class="law"' in html and "The law where this applies: California (US-CA)" in html
    assert "Duty to warn or protect third parties: " in html and ">Permissive</span>" in html
    assert "The law allows you to disclose or act; it does not require it." in html
    assert "Warn the person at risk" in html and "Tell the police" in html
    assert "This is not legal advice; check with your supervisor or counsel." in html
    assert "Cal. Civ. Code §43.92" in html and "version 2" in html


def test_it_counts_the_deadlines_from_now(client, editor, draft):
    client.force_login(editor)
    html = _html(client, draft)
    assert "written report: within 36 hours — <strong>by " in html


def test_it_offers_nothing_to_tick(client, editor, draft):
    client.force_login(editor)
    html = _html(client, draft)
    assert 'type="checkbox"' not in html and "law_tick" not in html and ": not ticked" in html


def test_it_links_back_to_editing_and_to_publishing(client, editor, draft):
    client.force_login(editor)
    html = _html(client, draft)
    assert reverse("jurisdictions:edit", args=[draft.pk]) in html
    assert reverse("jurisdictions:publish", args=[draft.pk]) in html
