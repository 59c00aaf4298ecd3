from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from library.models import EntryStatus, LibraryEntry
from tests.factories import DeliberationFactory
from tests.library.world import PRIVATE, signed_deliberation

pytestmark = pytest.mark.django_db


def _offer(client, w, who="author"):
    client.force_login(w[who])
    return client.post(reverse("library:offer", args=[w["deliberation"].pk]))


def test_it_makes_a_draft_copy_for_the_author(client, world):
    response = _offer(client, world)
    entry = LibraryEntry.objects.get()
    assert response["Location"] == reverse("library:edit", args=[entry.pk])
    assert entry.status == EntryStatus.DRAFT
    assert entry.dilemma.startswith("Should I tell her parents")
    assert "Tell her parents: With her present." in entry.options
    assert entry.decision == "Tell her parents"


def test_it_copies_the_tags_from_the_worksheet(client, world):
    _offer(client, world)
    entry = LibraryEntry.objects.get()
    assert (entry.kinds, entry.provisions) == (["ethical", "legal"], ["confidentiality"])


def test_it_never_copies_the_client_reference_or_the_private_reflection(client, world):
    _offer(client, world)
    entry = LibraryEntry.objects.values().get()
    copied = " ".join(str(v) for v in entry.values())
    assert "CR-7731" not in copied and PRIVATE not in copied


def test_it_flags_what_looks_identifying(client, world):
    _offer(client, world)
    found = set(LibraryEntry.objects.get().flags.values_list("kind", "excerpt"))
    assert {
        ("name", "Maria Lopez"),
        ("date", "March 3"),
        ("phone", "555-123-4567"),
        ("place", "Riverside Park"),
    } <= found


def test_it_flags_the_client_reference_where_the_text_holds_it(client, world):
    world["deliberation"] = signed_deliberation(
        world["author"], world["version"], rationale="As agreed for CR-7731."
    )
    _offer(client, world)
    assert LibraryEntry.objects.get().flags.filter(kind="client_reference").exists()


def test_it_flags_the_names_the_app_knows(client, world):
    world["deliberation"] = signed_deliberation(
        world["author"], world["version"], rationale="Reyes agreed; Ana was told."
    )
    _offer(client, world)
    excerpts = set(LibraryEntry.objects.get().flags.values_list("excerpt", flat=True))
    assert {"Reyes", "Ana"} <= excerpts


def test_it_opens_the_same_draft_when_offered_again(client, world):
    _offer(client, world)
    _offer(client, world)
    assert LibraryEntry.objects.count() == 1


def test_it_records_the_offer_in_the_audit_trail(client, world):
    _offer(client, world)
    event = AuditEvent.objects.get(action="library_offer")
    assert event.deliberation_id == world["deliberation"].pk


def test_it_refuses_an_unsigned_deliberation(client, world):
    world["deliberation"] = DeliberationFactory(
        owner=world["author"], framework_version=world["version"]
    )
    assert _offer(client, world).status_code == 403


def test_it_refuses_anyone_but_the_author(client, world):
    assert _offer(client, world, "colleague").status_code == 404
