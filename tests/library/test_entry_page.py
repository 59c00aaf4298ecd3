"""A published entry's page: the teaching content, never the author, the client reference or
a way back to the record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from library import services
from tests.factories import UserFactory
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return published_entry(world, rationale="Safety first, with her in the room.")


def _page(client, person, entry) -> str:
    client.force_login(person)
    return client.get(reverse("library:entry", args=[entry.pk])).content.decode()


def test_it_shows_the_teaching_content(client, world, entry):
    page = _page(client, world["colleague"], entry)
    assert "Safety first, with her in the room." in page and "Tell her parents" in page


def test_it_shows_the_tags_by_their_names(client, world, entry):
    assert "Confidentiality and its limits (ACA B.1.c)" in _page(client, world["colleague"], entry)


def test_it_never_shows_the_author(client, world, entry):
    page = _page(client, world["colleague"], entry)
    assert "Dana" not in page and "Reyes" not in page


def test_it_never_shows_the_client_reference(client, world, entry):
    assert "CR-7731" not in _page(client, world["colleague"], entry)


def test_it_never_links_to_the_source(client, world, entry):
    page = _page(client, world["colleague"], entry)
    assert f"/deliberations/{entry.source_id}/" not in page


def test_the_search_page_never_shows_the_author_or_the_reference(client, world, entry):
    client.force_login(world["colleague"])
    page = client.get(reverse("library:search")).content.decode()
    assert entry.title in page
    assert "CR-7731" not in page and "Reyes" not in page


def test_it_records_the_view(client, world, entry):
    _page(client, world["colleague"], entry)
    assert AuditEvent.objects.filter(action="view", object_type="library_entry").exists()


def test_the_clinic_admin_reads_it(client, world, entry):
    client.force_login(world["admin"])
    assert client.get(reverse("library:entry", args=[entry.pk])).status_code == 200


def test_another_clinic_never_finds_it(client, world, entry):
    client.force_login(world["outsider"])
    assert client.get(reverse("library:entry", args=[entry.pk])).status_code == 404


def test_an_auditor_is_refused(client, world, entry):
    client.force_login(UserFactory(clinic=world["clinic"], role="auditor"))
    assert client.get(reverse("library:entry", args=[entry.pk])).status_code == 404


def test_a_draft_is_not_in_the_library(client, world):
    draft = services.entry_offer(deliberation=world["deliberation"], user=world["author"])
    client.force_login(world["colleague"])
    assert client.get(reverse("library:entry", args=[draft.pk])).status_code == 404
    assert client.get(reverse("library:edit", args=[draft.pk])).status_code == 404
