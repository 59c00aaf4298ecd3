"""A published rule version never changes: the services refuse, and so does the database."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, connection, transaction

from jurisdictions import services
from jurisdictions.models import RuleVersion
from tests.factories import UserFactory
from tests.jurisdictions.rules import publish, raw

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_refuses_a_direct_update_of_a_published_citation():
    version = publish()
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw("UPDATE jurisdictions_ruleversion SET citation = 'x' WHERE id = %s", [version.pk])
    version.refresh_from_db()
    assert version.citation == "Cal. Civ. Code §43.92"


def test_it_refuses_a_direct_update_of_published_steps():
    version = publish()
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw(
            "UPDATE jurisdictions_ruleversion SET discharge_steps = '{}' WHERE id = %s",
            [version.pk],
        )


def test_it_refuses_a_direct_delete_of_a_published_version():
    version = publish()
    with pytest.raises(ProgrammingError, match="Cannot delete rows"):
        _raw("DELETE FROM jurisdictions_ruleversion WHERE id = %s", [version.pk])
    assert RuleVersion.objects.filter(pk=version.pk).exists()


def test_it_refuses_to_turn_a_published_version_back_into_a_draft():
    version = publish()
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw("UPDATE jurisdictions_ruleversion SET status = 'draft' WHERE id = %s", [version.pk])


def test_it_refuses_a_direct_update_of_a_retired_version():
    first = publish()
    publish(citation="Cal. Civ. Code §43.92 (amended)")
    first.refresh_from_db()
    assert first.status == "retired"
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw("UPDATE jurisdictions_ruleversion SET notes = 'x' WHERE id = %s", [first.pk])


def test_it_refuses_to_edit_a_published_version_in_the_app():
    version = publish()
    with pytest.raises(services.RuleLocked):
        services.rule_version_edit(version=version, content=raw(notes="changed"))
    version.refresh_from_db()
    assert version.notes == ""


def test_it_lets_a_draft_change_and_be_deleted():
    draft, _ = services.rule_version_draft(version=publish(), user=UserFactory())
    _raw("UPDATE jurisdictions_ruleversion SET notes = 'x' WHERE id = %s", [draft.pk])
    services.rule_version_discard(version=draft)
    assert not RuleVersion.objects.filter(pk=draft.pk).exists()
