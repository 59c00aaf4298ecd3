"""Deliberations take their framework version from a per-process cache: published content
never changes, so it is read once; drafts are never kept; names refresh within a minute."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frameworks import selectors
from frameworks.models import FrameworkVersion, VersionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    selectors.pinned_clear()
    yield
    selectors.pinned_clear()


def test_a_published_version_is_read_once(integrated):
    first = selectors.pinned_version(integrated.pk)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.pinned_version(integrated.pk)
    assert again is first
    assert len(queries) == 0
    assert again.definition == integrated.definition
    assert again.framework.name == integrated.framework.name


def test_a_draft_is_read_every_time(integrated):
    draft = FrameworkVersion.objects.create(
        framework=integrated.framework,
        number=99,
        status=VersionStatus.DRAFT,
        definition=integrated.definition,
    )
    selectors.pinned_version(draft.pk)
    with CaptureQueriesContext(connection) as queries:
        selectors.pinned_version(draft.pk)
    assert len(queries) == 1


def test_a_renamed_framework_shows_once_the_entry_is_old(integrated, monkeypatch):
    selectors.pinned_version(integrated.pk)
    integrated.framework.name = "Renamed worksheet"
    integrated.framework.save(update_fields=["name"])
    assert selectors.pinned_version(integrated.pk).framework.name != "Renamed worksheet"
    monkeypatch.setattr(selectors, "PINNED_SECONDS", 0.0)
    assert selectors.pinned_version(integrated.pk).framework.name == "Renamed worksheet"
