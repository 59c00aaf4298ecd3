"""The current rules of a jurisdiction for a clinician's profession."""

from __future__ import annotations

import pytest

from jurisdictions.selectors import rules_for
from tests.jurisdictions.rules import publish

pytestmark = pytest.mark.django_db


def test_it_shows_only_the_current_version_in_duty_order():
    publish(duty="child_abuse", citation="Cal. Penal Code §11166")
    publish(citation="old")
    current = publish(citation="Cal. Civ. Code §43.92")
    shown = rules_for(jurisdiction_code="US-CA", profession="psychologist")
    assert [s.version.pk for s in shown][0] == current.pk and len(shown) == 2


def test_it_says_when_the_rule_does_not_cover_the_profession():
    publish(code="US-TX", professions=["mft"])
    (shown,) = rules_for(jurisdiction_code="US-TX", profession="psychologist")
    assert not shown.covers_profession


def test_it_covers_every_profession_of_an_all_rule():
    publish()
    (shown,) = rules_for(jurisdiction_code="US-CA", profession="social_worker")
    assert shown.covers_profession


def test_it_shows_nothing_for_a_jurisdiction_without_rules():
    assert rules_for(jurisdiction_code="GB-ENG", profession="mft") == []
