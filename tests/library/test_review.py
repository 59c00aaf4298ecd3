from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from library import services
from library.models import EntryStatus, LibraryEntry
from review.models import Notification
from tests.factories import UserFactory
from tests.library.world import resolve_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(world):
    entry = services.entry_offer(deliberation=world["deliberation"], user=world["author"])
    resolve_all(entry, world["author"])
    services.entry_submit(entry=entry, user=world["author"])
    return entry


def test_it_tells_the_reviewers_an_entry_awaits_review(world, waiting):
    notified = Notification.objects.filter(kind="library_review")
    told = set(notified.values_list("recipient", flat=True))
    assert told == {world["reviewer"].pk, world["admin"].pk}


def test_it_puts_no_clinical_text_in_the_notification(world, waiting):
    assert Notification.objects.filter(kind="library_review").first().text == (
        "A library entry awaits your review."
    )


def test_it_publishes_what_a_reviewer_approves(client, world, waiting):
    client.force_login(world["reviewer"])
    response = client.post(reverse("library:approve", args=[waiting.pk]))
    assert response["Location"] == reverse("library:entry", args=[waiting.pk])
    assert LibraryEntry.objects.get().status == EntryStatus.PUBLISHED


def test_it_records_the_publication(client, world, waiting):
    client.force_login(world["reviewer"])
    client.post(reverse("library:approve", args=[waiting.pk]))
    assert AuditEvent.objects.filter(action="library_publish", object_id=str(waiting.pk)).exists()


def test_the_clinic_admin_reviews_by_default(client, world, waiting):
    client.force_login(world["admin"])
    client.post(reverse("library:approve", args=[waiting.pk]))
    assert LibraryEntry.objects.get().status == EntryStatus.PUBLISHED


def test_it_refuses_a_clinician_not_designated(client, world, waiting):
    client.force_login(world["colleague"])
    assert client.post(reverse("library:approve", args=[waiting.pk])).status_code == 404


def test_it_refuses_the_author_approving_their_own(client, world, waiting):
    services.reviewer_add(admin=world["admin"], user=world["author"])
    client.force_login(world["author"])
    assert client.post(reverse("library:approve", args=[waiting.pk])).status_code == 403


def test_it_sends_back_with_a_note(client, world, waiting):
    client.force_login(world["reviewer"])
    client.post(reverse("library:send_back", args=[waiting.pk]), {"note": "Drop the age."})
    entry = LibraryEntry.objects.get()
    assert (entry.status, entry.review_note) == (EntryStatus.DRAFT, "Drop the age.")


def test_it_refuses_to_send_back_without_a_note(client, world, waiting):
    client.force_login(world["reviewer"])
    response = client.post(reverse("library:send_back", args=[waiting.pk]), {"note": ""})
    assert "This field is required" in response.content.decode()
    assert LibraryEntry.objects.get().status == EntryStatus.IN_REVIEW


def test_the_reviewer_edits_the_copy_awaiting_review(world, waiting):
    from ethicsdesk import access

    assert access.can_edit_library_entry(world["reviewer"], waiting)


def test_the_admin_designates_a_reviewer(client, world):
    person = UserFactory(clinic=world["clinic"])
    client.force_login(world["admin"])
    client.post(reverse("library:reviewers"), {"person": person.pk})
    assert AuditEvent.objects.filter(action="admin", path=reverse("library:reviewers")).exists()
    assert person in services.library_reviewers(world["clinic"].pk)


def test_the_admin_removes_a_reviewer(client, world):
    client.force_login(world["admin"])
    client.post(reverse("library:reviewers"), {"remove": world["reviewer"].pk})
    assert world["reviewer"] not in services.library_reviewers(world["clinic"].pk)
