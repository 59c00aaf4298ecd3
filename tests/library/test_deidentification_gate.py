"""An entry with an unresolved flag is never published: the service refuses and says which,
and the database refuses too."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from library import services
from library.models import EntryFlag, EntryStatus, LibraryEntry
from tests.library.world import resolve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return services.entry_offer(deliberation=world["deliberation"], user=world["author"])


def _in_review(entry, world):
    """Sent for review with every flag resolved, then one flag reopened behind its back."""
    resolve_all(entry, world["author"])
    services.entry_submit(entry=entry, user=world["author"])
    EntryFlag.objects.filter(pk=entry.flags.first().pk).update(resolution="")
    return entry


def test_it_refuses_to_send_for_review_while_a_flag_is_open(client, world, entry):
    client.force_login(world["author"])
    response = client.post(reverse("library:submit", args=[entry.pk]))
    assert "Not sent for review: resolve every flag first" in response.content.decode()
    assert LibraryEntry.objects.get().status == EntryStatus.DRAFT


def test_it_says_which_flags_are_open(client, world, entry):
    client.force_login(world["author"])
    response = client.post(reverse("library:submit", args=[entry.pk]))
    assert "a phone number in what happened" in response.content.decode()


def test_it_refuses_to_publish_while_a_flag_is_open(client, world, entry):
    _in_review(entry, world)
    client.force_login(world["reviewer"])
    response = client.post(reverse("library:approve", args=[entry.pk]))
    assert "Not published" in response.content.decode()
    assert LibraryEntry.objects.get().status == EntryStatus.IN_REVIEW


def test_the_database_refuses_to_publish_while_a_flag_is_open(world, entry):
    _in_review(entry, world)
    refused = pytest.raises(IntegrityError, match="unresolved identifier flags")
    with refused, transaction.atomic():
        LibraryEntry.objects.filter(pk=entry.pk).update(status="published")


def test_the_database_refuses_an_open_flag_on_a_published_entry(world, entry):
    resolve_all(entry, world["author"])
    services.entry_submit(entry=entry, user=world["author"])
    services.entry_approve(entry=entry, user=world["reviewer"])
    refused = pytest.raises(IntegrityError, match="unresolved identifier flags")
    with refused, transaction.atomic():
        EntryFlag.objects.create(entry=entry, field="title", kind="name", excerpt="X")


def test_it_removes_a_flagged_excerpt_from_the_text(client, world, entry):
    flag = entry.flags.get(kind="phone")
    client.force_login(world["author"])
    client.post(
        reverse("library:flag", args=[entry.pk, flag.pk]),
        {f"flag-{flag.pk}-resolution": "removed"},
    )
    entry.refresh_from_db()
    assert "555-123-4567" not in entry.situation and "[removed]" in entry.situation


def test_it_keeps_a_flag_only_with_a_reason(client, world, entry):
    flag = entry.flags.get(kind="date")
    client.force_login(world["author"])
    response = client.post(
        reverse("library:flag", args=[entry.pk, flag.pk]),
        {f"flag-{flag.pk}-resolution": "kept", f"flag-{flag.pk}-reason": ""},
    )
    assert "Say why it may stay" in response.content.decode()
    assert not EntryFlag.objects.get(pk=flag.pk).is_resolved


def test_it_keeps_a_flag_with_its_reason(client, world, entry):
    flag = entry.flags.get(kind="date")
    client.force_login(world["author"])
    client.post(
        reverse("library:flag", args=[entry.pk, flag.pk]),
        {f"flag-{flag.pk}-resolution": "kept", f"flag-{flag.pk}-reason": "A made-up date."},
    )
    assert EntryFlag.objects.get(pk=flag.pk).reason == "A made-up date."


def test_it_resolves_a_flag_whose_text_the_editor_removed(client, world, entry):
    data = {
        "title": "A minor asks me to keep self-harm secret",
        "situation": "A teenage client disclosed self-harm.",
        "dilemma": entry.dilemma,
        "options": entry.options,
        "decision": entry.decision,
        "rationale": entry.rationale,
        "tests": entry.tests,
        "residue": entry.residue,
        "lessons": "",
        "kinds": ["ethical"],
        "provisions": ["confidentiality"],
        "principles": [],
    }
    client.force_login(world["author"])
    client.post(reverse("library:edit", args=[entry.pk]), data)
    assert not entry.flags.filter(field__in=["title", "situation"], resolution="").exists()


def test_it_flags_what_an_edit_adds(client, world, entry):
    services.entry_save(
        entry=entry, user=world["author"], data={"lessons": "Call 555-987-6543 next time."}
    )
    assert entry.flags.filter(field="lessons", kind="phone", resolution="").exists()
