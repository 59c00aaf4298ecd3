"""Similar cases beside the dilemma step, and "I consulted this"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import Consultation
from cases.services import deliberation_create
from tests.library.cases import CASES
from tests.library.world import published_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def writing(world, integrated):
    """A deliberation being written on the integrated worksheet (it has a consultation step)."""
    return deliberation_create(
        owner=world["colleague"],
        title="Gift",
        client_reference="CR-9",
        framework_version=integrated,
    )


@pytest.fixture
def entries(world):
    return {key: published_entry(world, **CASES[key]) for key in ("gift", "warn")}


def _similar(client, world, d, **typed):
    client.force_login(world["colleague"])
    return client.get(reverse("library:similar", args=[d.pk]), typed, HTTP_HX_REQUEST="true")


def test_the_dilemma_step_has_the_panel(client, world, writing):
    client.force_login(world["colleague"])
    page = client.get(reverse("cases:step", args=[writing.pk, "dilemma"])).content.decode()
    assert reverse("library:similar", args=[writing.pk]) in page and "Similar cases" in page


def test_it_offers_the_most_similar_entry_first(client, world, writing, entries):
    response = _similar(client, world, writing, question="Should I accept a gift from a client?")
    assert response.context["entries"][0] == entries["gift"]


def test_it_finds_entries_by_their_tags(client, world, writing, entries):
    response = _similar(client, world, writing, question="", title="", facts="", kinds="legal")
    assert set(response.context["entries"]) == set(entries.values())


def test_it_answers_htmx_with_the_list_only(client, world, writing, entries):
    response = _similar(client, world, writing, question="a gift")
    assert b"<html" not in response.content and b"I consulted this" in response.content


def test_it_works_without_javascript(client, world, writing, entries):
    client.force_login(world["colleague"])
    response = client.get(reverse("library:similar", args=[writing.pk]), {"question": "gift"})
    assert b"<html" in response.content and b"I consulted this" in response.content


def test_it_records_the_search_on_the_deliberation(client, world, writing, entries):
    _similar(client, world, writing, question="gift")
    assert AuditEvent.objects.filter(action="search", deliberation_id=writing.pk).exists()


def test_it_records_a_consultation_of_the_library(client, world, writing, entries):
    client.force_login(world["colleague"])
    client.post(reverse("library:consulted", args=[writing.pk, entries["gift"].pk]))
    consultation = Consultation.objects.get(deliberation=writing)
    assert consultation.kind == "library"
    assert consultation.advice == f"Read the library entry “{entries['gift'].title}”."


def test_it_audits_the_consultation(client, world, writing, entries):
    client.force_login(world["colleague"])
    client.post(reverse("library:consulted", args=[writing.pk, entries["gift"].pk]))
    assert AuditEvent.objects.filter(action="change", deliberation_id=writing.pk).exists()


def test_it_refuses_on_a_signed_deliberation(client, world, entries):
    signed = world["deliberation"]
    client.force_login(world["author"])
    response = client.post(reverse("library:consulted", args=[signed.pk, entries["gift"].pk]))
    assert response.status_code == 403 and not Consultation.objects.exists()


def test_it_refuses_someone_elses_deliberation(client, world, writing, entries):
    client.force_login(world["author"])
    assert client.get(reverse("library:similar", args=[writing.pk])).status_code == 404


def test_the_service_refuses_a_signed_deliberation(world, integrated, entries):
    from cases.models import Deliberation
    from library.services import consultation_record

    d = deliberation_create(
        owner=world["colleague"], title="T", client_reference="CR-1", framework_version=integrated
    )
    Deliberation.objects.filter(pk=d.pk).update(signed_at="2026-01-01T00:00Z")
    d.refresh_from_db()
    result = consultation_record(deliberation=d, entry=entries["gift"], user=world["colleague"])
    assert not result.stored and not Consultation.objects.exists()
