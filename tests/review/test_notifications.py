"""Notifications (in the app and by e-mail) go only to people who may read the deliberation,
or the commented step, at the time of sending."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.services import supervision_link_end
from review import services
from review.models import Comment, Notification
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _comment(client, user, deliberation, text, step="dilemma"):
    client.force_login(user)
    client.post(reverse("review:comment_add", args=[deliberation.pk, step]), {"text": text}, **HTMX)


def _reached(user) -> bool:
    """Any in-app notification or e-mail for ``user`` since the last clear."""
    run_jobs("notification_email")  # the worker's part
    return Notification.objects.filter(recipient=user).exists() or any(
        user.email in m.to for m in mail.outbox
    )


@pytest.fixture
def shared(client, world):
    """Shared with a consultant who has commented on the dilemma."""
    d = world["deliberation"]
    world["colleague"].email = "colleague@example.org"
    world["colleague"].save()
    share = services.share_create(
        deliberation=d, consultant=world["colleague"], shared_by=world["clinician"], message=""
    )
    _comment(client, world["colleague"], d, "Who else knows?")
    Notification.objects.all().delete()
    mail.outbox.clear()
    return share


@pytest.fixture
def reviewed(client, world):
    """Submitted; the supervisor has commented on the dilemma."""
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    _comment(client, world["supervisor"], d, "Is the partner identifiable?")
    Notification.objects.all().delete()
    mail.outbox.clear()
    return d


def test_it_notifies_a_consultant_while_the_share_lasts(client, world, shared):
    _comment(client, world["clinician"], world["deliberation"], "Only me.")
    assert _reached(world["colleague"])


def test_it_notifies_a_withdrawn_consultant_of_nothing(client, world, shared):
    services.share_withdraw(share=shared)
    _comment(client, world["clinician"], world["deliberation"], "Only me.")
    assert not _reached(world["colleague"])


def test_it_notifies_a_supervisor_whose_link_ended_of_nothing(client, world, reviewed):
    supervision_link_end(link=world["link"])
    _comment(client, world["clinician"], reviewed, "Yes, by first name.")
    assert not _reached(world["supervisor"])


def test_it_notifies_the_supervisor_while_the_link_lasts(client, world, reviewed):
    _comment(client, world["clinician"], reviewed, "Yes, by first name.")
    assert _reached(world["supervisor"])


def test_it_notifies_no_one_of_a_private_step_comment_they_may_not_read(client, world, shared):
    # A consultant's comment on the private step from before the step was closed to them.
    Comment.objects.create(
        deliberation=world["deliberation"],
        step_key="values_bias",
        author=world["colleague"],
        text="An old note.",
    )
    _comment(client, world["clinician"], world["deliberation"], "Mine.", step="values_bias")
    assert not _reached(world["colleague"])


def test_it_sends_no_notice_to_someone_who_cannot_read_the_deliberation(world):
    services.notify(
        recipients=[world["outsider"], world["clinician"]],
        kind="comment",
        deliberation=world["deliberation"],
        text="A notice.",
        url="/",
    )
    assert list(Notification.objects.values_list("recipient", flat=True)) == [world["clinician"].pk]
