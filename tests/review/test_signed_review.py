"""A signed deliberation never goes back to "changes requested": its review actions are
co-sign, or ask the clinician for an addendum (with the reason), and its status stays
"signed"."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records.services import deliberation_sign
from review import services
from review.models import Comment, Notification, Submission
from tests.jobs_runner import run_jobs

pytestmark = pytest.mark.django_db
REASON = "Please record the outcome of the follow-up call with the employer."


def _complete(world) -> Deliberation:
    """A finished worked example owned by the world's clinician, ready to sign."""
    from cases.examples import examples_ensure

    draft = next(
        r.deliberation
        for r in examples_ensure(owner=world["clinician"])
        if r.deliberation.status == "draft"
    )
    return deliberation_get(pk=draft.pk, purpose=Purpose.WORKSHEET)


@pytest.fixture
def signed(world) -> Deliberation:
    d = _complete(world)
    deliberation_sign(deliberation=d, user=world["clinician"])
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="Co-sign?")
    Notification.objects.all().delete()  # the examples' own review sent some
    mail.outbox.clear()
    return Deliberation.objects.get(pk=d.pk)


@pytest.fixture
def submitted(world) -> Deliberation:
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    return Deliberation.objects.get(pk=d.pk)


def _actions(client, world, d):
    client.force_login(world["supervisor"])
    return reverse("review:actions", args=[d.pk])


def test_it_refuses_to_request_changes_to_a_signed_deliberation(client, world, signed):
    url = _actions(client, world, signed)
    response = client.post(url, {"action": "changes", "message": "Rewrite the rationale."})
    assert "signed and locked" in response.content.decode()
    assert Deliberation.objects.get(pk=signed.pk).status != "changes_requested"
    assert Submission.objects.get(deliberation=signed).outcome == "pending"


def test_it_refuses_changes_to_a_signed_deliberation_in_the_service(world, signed):
    with pytest.raises(services.ReviewRefused):
        services.changes_request(deliberation=signed, reviewer=world["supervisor"], message="x")


def test_it_refuses_to_mark_a_signed_deliberation_reviewed_without_cosign_or_addendum(
    world, signed
):
    with pytest.raises(services.ReviewRefused):
        services.review_complete(deliberation=signed, reviewer=world["supervisor"], message="")


def test_it_offers_cosign_and_an_addendum_request_for_a_signed_deliberation(client, world, signed):
    content = client.get(_actions(client, world, signed)).content.decode()
    assert "Co-sign" in content and "Ask for an addendum" in content
    assert "Request changes" not in content and "Mark as reviewed" not in content


def test_it_offers_changes_and_reviewed_for_an_unsigned_deliberation(client, world, submitted):
    content = client.get(_actions(client, world, submitted)).content.decode()
    assert "Request changes" in content and "Mark as reviewed" in content
    assert "Ask for an addendum" not in content and "Co-sign" not in content


def test_it_asks_for_an_addendum_and_the_status_stays_signed(client, world, signed):
    url = _actions(client, world, signed)
    response = client.post(url, {"action": "addendum", "reason": REASON})
    assert response.status_code == 302
    assert Deliberation.objects.get(pk=signed.pk).status == "signed"
    submission = Submission.objects.get(deliberation=signed)
    assert (submission.outcome, submission.outcome_message) == (
        "reviewed",
        f"Addendum requested: {REASON}",
    )


def test_it_keeps_the_addendum_reason_on_the_review_and_sign_step(client, world, signed):
    client.post(_actions(client, world, signed), {"action": "addendum", "reason": REASON})
    comment = Comment.objects.get(deliberation=signed)
    client.force_login(world["clinician"])
    page = client.get(reverse("cases:step", args=[signed.pk, comment.step_key]))
    assert comment.step_key == "review_sign"
    assert f"Addendum requested: {REASON}" in page.content.decode()


def test_it_notifies_the_owner_of_the_addendum_request_without_the_reason_by_email(
    client, world, signed
):
    client.post(_actions(client, world, signed), {"action": "addendum", "reason": REASON})
    note = Notification.objects.get(recipient=world["clinician"])
    assert "asks for an addendum" in note.text
    run_jobs("notification_email")  # the worker's part
    assert [m.to for m in mail.outbox] == [["clinician@example.org"]]
    assert REASON not in mail.outbox[0].body


def test_it_needs_a_reason_to_ask_for_an_addendum(client, world, signed):
    response = client.post(_actions(client, world, signed), {"action": "addendum", "reason": ""})
    assert "This field is required." in response.content.decode()
    assert Submission.objects.get(deliberation=signed).outcome == "pending"


def test_it_refuses_an_addendum_request_for_an_unsigned_deliberation(world, submitted):
    with pytest.raises(services.ReviewRefused):
        services.addendum_request(
            deliberation=submitted, reviewer=world["supervisor"], reason=REASON
        )


def test_it_links_the_owner_from_the_request_to_writing_the_addendum(client, world, signed):
    client.post(_actions(client, world, signed), {"action": "addendum", "reason": REASON})
    client.force_login(world["clinician"])
    url = Notification.objects.get(recipient=world["clinician"]).url
    page = client.get(url).content.decode()
    assert reverse("records:addendum", args=[signed.pk]) in page
