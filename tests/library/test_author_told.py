"""The author of an offered entry hears what the reviewer did with it: sent back (with the
note on the linked page) or published; in the app and by e-mail, title and link only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from library import services
from review.models import Notification, NotificationKind
from tests.jobs_runner import run_jobs
from tests.library.world import resolve_all

pytestmark = pytest.mark.django_db
NOTE = "Drop her age and the park. NOTE-MARKER-42"


@pytest.fixture
def waiting(world):
    world["author"].email = "dana@clinic.example"
    world["author"].save(update_fields=["email"])
    entry = services.entry_offer(deliberation=world["deliberation"], user=world["author"])
    resolve_all(entry, world["author"])
    services.entry_submit(entry=entry, user=world["author"])
    run_jobs("notification_email")  # the reviewers' e-mails, out of the way
    mail.outbox.clear()
    return entry


@pytest.fixture
def sent_back(client, world, waiting):
    client.force_login(world["reviewer"])
    client.post(reverse("library:send_back", args=[waiting.pk]), {"note": NOTE})
    return waiting


def _told(user, kind) -> Notification:
    return Notification.objects.get(recipient=user, kind=kind)


def test_it_tells_the_author_the_entry_was_sent_back(world, sent_back):
    note = _told(world["author"], NotificationKind.LIBRARY_SENT_BACK)
    assert note.url == reverse("library:edit", args=[sent_back.pk])


def test_it_shows_the_reviewers_note_on_the_linked_page(client, world, sent_back):
    note = _told(world["author"], NotificationKind.LIBRARY_SENT_BACK)
    client.force_login(world["author"])
    assert NOTE in client.get(note.url).content.decode()


def test_it_emails_the_author_the_title_and_link_only(world, sent_back):
    run_jobs("notification_email")
    [message] = mail.outbox
    assert message.to == ["dana@clinic.example"]
    assert NOTE not in message.body
    assert reverse("library:edit", args=[sent_back.pk]) in message.body


def test_it_tells_the_author_the_entry_is_published(client, world, waiting):
    client.force_login(world["reviewer"])
    client.post(reverse("library:approve", args=[waiting.pk]))
    note = _told(world["author"], NotificationKind.LIBRARY_PUBLISHED)
    assert note.url == reverse("library:entry", args=[waiting.pk])


def test_it_emails_the_author_that_it_is_published(client, world, waiting):
    client.force_login(world["reviewer"])
    client.post(reverse("library:approve", args=[waiting.pk]))
    run_jobs("notification_email")
    [message] = mail.outbox
    assert message.subject == "EthicsDesk: Library entry published"
    assert message.to == ["dana@clinic.example"]


def test_it_tells_the_reviewer_nothing_of_their_own_action(client, world, sent_back):
    assert not Notification.objects.filter(
        recipient=world["reviewer"], kind=NotificationKind.LIBRARY_SENT_BACK
    ).exists()
