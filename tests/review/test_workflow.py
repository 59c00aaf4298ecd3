"""Submit, comment, request changes, resubmit, co-sign; shares and notifications."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Deliberation
from review.models import Comment, Notification, Submission
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _submit(client, world, message="Please look at the principles."):
    client.force_login(world["clinician"])
    return client.post(
        reverse("review:submit", args=[world["deliberation"].pk]), {"message": message}
    )


def test_it_submits_for_review_and_notifies_the_supervisor(client, world):
    _submit(client, world)
    d = Deliberation.objects.get(pk=world["deliberation"].pk)
    assert d.status == "in_review"
    assert Submission.objects.get().message == "Please look at the principles."
    note = Notification.objects.get(recipient=world["supervisor"])
    assert note.kind == "submitted"
    run_jobs("notification_email")  # the worker's part
    assert mail.outbox[0].to == ["supervisor@example.org"]
    assert "Gift from a client" in mail.outbox[0].body


def test_it_refuses_a_second_submission_while_one_waits(client, world):
    _submit(client, world)
    _submit(client, world)
    assert Submission.objects.count() == 1


def test_it_lists_submissions_in_the_queue(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    content = client.get(reverse("review:queue")).content.decode()
    assert "Gift from a client" in content


def test_it_threads_comments_on_a_step_and_shows_them_to_the_clinician(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    url = reverse("review:comment_add", args=[world["deliberation"].pk, "principles"])
    response = client.post(url, {"text": "Is fidelity really breached here?"}, **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="comments"')
    first = Comment.objects.get()
    client.force_login(world["clinician"])
    client.post(url, {"text": "Yes: I promised confidentiality.", "parent": first.pk})
    page = client.get(reverse("cases:step", args=[world["deliberation"].pk, "principles"]))
    content = page.content.decode()
    assert "Is fidelity really breached here?" in content
    assert "Yes: I promised confidentiality." in content
    assert Comment.objects.get(parent=first).author == world["clinician"]
    resolve = reverse("review:comment_resolve", args=[world["deliberation"].pk, first.pk])
    client.post(resolve)
    assert Comment.objects.get(pk=first.pk).resolved_by == world["clinician"]


def test_it_refuses_an_empty_comment(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    url = reverse("review:comment_add", args=[world["deliberation"].pk, "principles"])
    response = client.post(url, {"text": "  "}, **HTMX)
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.exists()


def test_it_requests_changes_and_the_clinician_resubmits(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    url = reverse("review:actions", args=[world["deliberation"].pk])
    client.post(url, {"action": "changes", "message": "Add the partner as a stakeholder."})
    d = Deliberation.objects.get(pk=world["deliberation"].pk)
    assert d.status == "changes_requested"
    assert Notification.objects.filter(
        recipient=world["clinician"], kind="changes_requested"
    ).exists()
    _submit(client, world, message="Added.")
    assert list(Submission.objects.values_list("outcome", flat=True)) == [
        "changes_requested",
        "pending",
    ]
    assert Deliberation.objects.get(pk=d.pk).status == "in_review"


def test_it_needs_a_message_to_request_changes(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    response = client.post(
        reverse("review:actions", args=[world["deliberation"].pk]), {"action": "changes"}
    )
    assert "This field is required." in response.content.decode()
    assert Submission.objects.get().outcome == "pending"


def test_it_shares_for_consultation_and_lists_it_for_the_colleague(client, world):
    client.force_login(world["clinician"])
    url = reverse("review:share", args=[world["deliberation"].pk])
    client.post(url, {"consultant": world["colleague"].pk, "message": "Your view on boundaries?"})
    client.force_login(world["colleague"])
    assert "Gift from a client" in client.get(reverse("review:shared_with_me")).content.decode()
    client.force_login(world["clinician"])
    consultation = client.get(
        reverse("cases:step", args=[world["deliberation"].pk, "consultation"])
    )
    assert world["colleague"].display_name in consultation.content.decode()


def test_it_refuses_to_share_outside_the_clinic(client, world):
    client.force_login(world["clinician"])
    url = reverse("review:share", args=[world["deliberation"].pk])
    response = client.post(url, {"consultant": world["outsider"].pk})
    assert "Select a valid choice" in response.content.decode()
    assert not world["deliberation"].shares.exists()


def test_it_marks_notifications_read(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    badges = client.get(reverse("review:badges")).content.decode()
    assert 'id="badge-unread"' in badges and ">1<" in badges
    client.post(reverse("review:notifications"))
    assert not Notification.objects.filter(
        recipient=world["supervisor"], read_at__isnull=True
    ).exists()


def test_it_shows_the_dashboard_figures(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    client.post(
        reverse("review:actions", args=[world["deliberation"].pk]),
        {"action": "reviewed", "message": ""},
    )
    content = client.get(reverse("review:dashboard")).content.decode()
    assert "Median time from submission to review" in content
    assert "<svg" in content


def test_it_shows_open_comments_in_the_clinicians_list(client, world):
    _submit(client, world)
    client.force_login(world["supervisor"])
    url = reverse("review:comment_add", args=[world["deliberation"].pk, "dilemma"])
    client.post(url, {"text": "Which facts are first-hand?"})
    client.force_login(world["clinician"])
    assert "1 open comment" in client.get(reverse("cases:list")).content.decode()
