"""A published version never changes: the services refuse, and so does the database."""

from __future__ import annotations

import pytest
from django.db import ProgrammingError, connection, transaction

from frameworks import services
from frameworks.models import FrameworkVersion
from tests.factories import ClinicAdminFactory, FrameworkVersionFactory, PublishedVersionFactory

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_lets_a_draft_change():
    draft = FrameworkVersionFactory()
    services.step_move(version=draft, key="options", offset=-1)
    draft.refresh_from_db()
    assert [s["key"] for s in draft.definition["steps"]][:2] == ["options", "dilemma"]


def test_it_refuses_to_edit_a_published_version_in_the_app():
    version = PublishedVersionFactory()
    with pytest.raises(services.FrameworkLocked):
        services.step_move(version=version, key="options", offset=-1)
    version.refresh_from_db()
    assert version.definition["steps"][0]["key"] == "dilemma"


def test_it_refuses_a_direct_update_of_a_published_definition():
    version = PublishedVersionFactory()
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw(
            "UPDATE frameworks_frameworkversion SET definition = '{}'::jsonb WHERE id = %s",
            [version.pk],
        )
    version.refresh_from_db()
    assert version.definition["steps"]


def test_it_refuses_a_direct_update_of_a_published_change_note():
    version = PublishedVersionFactory(change_note="First release")
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw(
            "UPDATE frameworks_frameworkversion SET change_note = 'rewritten' WHERE id = %s",
            [version.pk],
        )


def test_it_refuses_to_turn_a_published_version_back_into_a_draft():
    version = PublishedVersionFactory()
    with pytest.raises(ProgrammingError, match="Cannot update rows"):
        _raw("UPDATE frameworks_frameworkversion SET status = 'draft' WHERE id = %s", [version.pk])


def test_it_refuses_to_delete_a_published_version():
    version = PublishedVersionFactory()
    with pytest.raises(ProgrammingError, match="Cannot delete rows"):
        _raw("DELETE FROM frameworks_frameworkversion WHERE id = %s", [version.pk])
    assert FrameworkVersion.objects.filter(pk=version.pk).exists()


def test_it_lets_a_draft_be_updated_directly():
    draft = FrameworkVersionFactory()
    _raw("UPDATE frameworks_frameworkversion SET change_note = 'wip' WHERE id = %s", [draft.pk])
    draft.refresh_from_db()
    assert draft.change_note == "wip"


def test_it_retires_a_published_version_without_touching_its_content():
    version = PublishedVersionFactory()
    before = version.definition
    services.framework_version_retire(version=version)
    version.refresh_from_db()
    assert (version.status, version.definition) == ("retired", before)


def test_it_publishes_a_draft_with_its_note_and_author():
    draft = FrameworkVersionFactory()
    admin = ClinicAdminFactory(clinic=draft.framework.clinic)
    services.framework_version_publish(version=draft, user=admin, change_note="  Ready.  ")
    draft.refresh_from_db()
    assert (draft.status, draft.change_note, draft.published_by) == ("published", "Ready.", admin)
