"""Drafting, editing and publishing rule versions."""

from __future__ import annotations

from datetime import date

import pytest

from jurisdictions import services
from jurisdictions.rows import RuleDataError
from tests.factories import UserFactory
from tests.jurisdictions.rules import publish, raw

pytestmark = pytest.mark.django_db


def test_it_starts_a_draft_with_the_content_of_the_version():
    version = publish(notes="Check the 2024 amendment.")
    draft, created = services.rule_version_draft(version=version, user=UserFactory())
    assert created and draft.number == 2 and draft.notes == "Check the 2024 amendment."


def test_it_returns_the_existing_draft_instead_of_a_second():
    version = publish()
    user = UserFactory()
    first, _ = services.rule_version_draft(version=version, user=user)
    again, created = services.rule_version_draft(version=version, user=user)
    assert again.pk == first.pk and not created


def test_it_edits_a_draft_with_content_checked_whole():
    draft, _ = services.rule_version_draft(version=publish(), user=UserFactory())
    edited = services.rule_version_edit(
        version=draft, content=raw(verified_on="2026-01-05", verification="unverified")
    )
    assert edited.verified_on == date(2026, 1, 5)


def test_it_refuses_a_draft_edit_that_says_no_duty_and_keeps_the_draft():
    draft, _ = services.rule_version_draft(version=publish(), user=UserFactory())
    bad = {**raw(), "classification": "no duty", "verified_on": ""}
    with pytest.raises(RuleDataError, match="never"):
        services.rule_version_edit(version=draft, content=bad)
    draft.refresh_from_db()
    assert draft.classification == "mandatory"


def test_it_publishes_a_draft_and_retires_the_previous_version():
    version = publish()
    user = UserFactory()
    draft, _ = services.rule_version_draft(version=version, user=user)
    services.rule_version_publish(version=draft, user=user, change_note="Checked the statute.")
    version.refresh_from_db()
    draft.refresh_from_db()
    assert (version.status, draft.status) == ("retired", "published")


def test_it_refuses_to_publish_twice():
    with pytest.raises(services.RuleLocked):
        services.rule_version_publish(version=publish(), user=UserFactory(), change_note="")
