"""Requesting changes and completing a review make the same moves through one helper: the
waiting submission closes with the outcome, the status changes, the owner hears of it; with
nothing waiting, both refuse the same way."""

from __future__ import annotations

import pytest

from cases.models import Deliberation
from review import services
from review.models import Notification, Submission

pytestmark = pytest.mark.django_db

ANSWERS = [
    (services.changes_request, "changes_requested", "changes_requested", "changes_requested"),
    (services.review_complete, "reviewed", "draft", "reviewed"),
]


@pytest.mark.parametrize(("answer", "outcome", "status", "kind"), ANSWERS)
def test_it_closes_the_submission_sets_the_status_and_tells_the_owner(
    world, answer, outcome, status, kind
):
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    answer(deliberation=d, reviewer=world["supervisor"], message=" Look at step 3. ")
    submission = Submission.objects.get()
    assert (submission.outcome, submission.outcome_message) == (outcome, "Look at step 3.")
    assert Deliberation.objects.get(pk=d.pk).status == status
    assert Notification.objects.get(recipient=world["clinician"]).kind == kind


@pytest.mark.parametrize(("answer", "outcome", "status", "kind"), ANSWERS)
def test_it_refuses_when_nothing_is_waiting(world, answer, outcome, status, kind):
    with pytest.raises(services.ReviewRefused, match="Nothing is waiting"):
        answer(deliberation=world["deliberation"], reviewer=world["supervisor"], message="x")
