"""The review state stored on each deliberation row (``pending_since``, ``open_threads``),
read by My deliberations and the review queue, is kept right by every service that changes
a submission or a comment; and the queue, the list and the stepper count open comments the
same way: open threads (a first comment not resolved), replies not counted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records.services import deliberation_sign
from review import services
from review.models import Submission

pytestmark = pytest.mark.django_db


def _step(d: Deliberation, key: str):
    return d.framework_version.spec.step(key)


def _state(d: Deliberation) -> tuple:
    return Deliberation.objects.values_list("pending_since", "open_threads").get(pk=d.pk)


def _comment(world, text: str = "Which facts are first-hand?", *, key="dilemma", parent=None):
    d = world["deliberation"]
    author = world["supervisor"] if parent is None else world["clinician"]
    return services.comment_add(
        deliberation=d, author=author, step=_step(d, key), text=text, parent=parent
    )


@pytest.fixture
def submitted(world) -> Deliberation:
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    return d


@pytest.fixture
def signed(world) -> Deliberation:
    """A complete worked example, signed by its author, then submitted for co-signing."""
    from cases.examples import examples_ensure

    draft = next(
        r.deliberation
        for r in examples_ensure(owner=world["clinician"])
        if r.deliberation.status == "draft"
    )
    d = deliberation_get(pk=draft.pk, purpose=Purpose.WORKSHEET)
    deliberation_sign(deliberation=d, user=world["clinician"])
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="Co-sign?")
    return Deliberation.objects.get(pk=d.pk)


def test_it_starts_with_nothing_waiting_and_no_open_threads(world):
    assert _state(world["deliberation"]) == (None, 0)


def test_it_stores_since_when_a_submission_waits(submitted):
    waiting = Submission.objects.get(deliberation=submitted).submitted_at
    assert _state(submitted) == (waiting, 0)


@pytest.mark.parametrize(
    "answer", [services.changes_request, services.review_complete], ids=["changes", "reviewed"]
)
def test_it_clears_the_wait_when_the_supervisor_answers(world, submitted, answer):
    answer(deliberation=submitted, reviewer=world["supervisor"], message="See the facts.")
    assert _state(submitted)[0] is None


def test_it_stores_the_new_wait_of_a_resubmission(world, submitted):
    services.changes_request(deliberation=submitted, reviewer=world["supervisor"], message="No.")
    services.deliberation_submit(deliberation=submitted, user=world["clinician"], message="")
    latest = Submission.objects.filter(deliberation=submitted).latest("submitted_at")
    assert _state(submitted)[0] == latest.submitted_at


def test_it_clears_the_wait_when_the_supervisor_cosigns(world, signed):
    services.cosign(deliberation=signed, reviewer=world["supervisor"])
    assert _state(signed)[0] is None


def test_it_clears_the_wait_and_counts_the_thread_of_an_addendum_request(world, signed):
    threads = _state(signed)[1]
    services.addendum_request(deliberation=signed, reviewer=world["supervisor"], reason="Why?")
    assert _state(signed) == (None, threads + 1)


def test_it_counts_a_new_thread(world, submitted):
    _comment(world)
    _comment(world, "And the options?", key="options")
    assert _state(submitted)[1] == 2


def test_it_does_not_count_a_reply(world, submitted):
    first = _comment(world)
    _comment(world, "First-hand, from the client.", parent=first)
    assert _state(submitted)[1] == 1


def test_it_stops_counting_a_resolved_thread(world, submitted):
    first = _comment(world)
    _comment(world, "And the options?", key="options")
    services.comment_resolve(comment=first, user=world["clinician"])
    assert _state(submitted)[1] == 1


def test_it_keeps_counting_a_thread_whose_reply_is_resolved(world, submitted):
    first = _comment(world)
    reply = _comment(world, "First-hand.", parent=first)
    services.comment_resolve(comment=reply, user=world["clinician"])
    assert _state(submitted)[1] == 1


def test_it_counts_comments_after_signing_too(world, signed):
    threads = _state(signed)[1]
    services.comment_add(
        deliberation=signed,
        author=world["supervisor"],
        step=_step(signed, "decision"),
        text="Was the employer told?",
        parent=None,
    )
    assert _state(signed)[1] == threads + 1


def test_it_leaves_the_last_change_alone(world, submitted):
    """A comment is not a change of the deliberation: My deliberations keeps its order."""
    before = Deliberation.objects.get(pk=submitted.pk).updated_at
    _comment(world)
    assert Deliberation.objects.get(pk=submitted.pk).updated_at == before


def test_it_fills_many_rows_from_their_submissions_and_comments(world, submitted):
    first = _comment(world)
    _comment(world, "Reply", parent=first)
    Deliberation.objects.filter(pk=submitted.pk).update(pending_since=None, open_threads=9)
    services.review_state_store(deliberations=Deliberation.objects.all())
    waiting = Submission.objects.get(deliberation=submitted).submitted_at
    assert _state(submitted) == (waiting, 1)


def _threads_and_replies(world) -> None:
    """Three threads on two steps, two of them answered; one resolved: two stay open."""
    first = _comment(world)
    _comment(world, "First-hand.", parent=first)
    second = _comment(world, "Is the partner a stakeholder?", key="stakeholders")
    _comment(world, "Yes, added.", parent=second)
    services.comment_resolve(comment=_comment(world, "Typo in the title."), user=world["clinician"])


def test_the_queue_counts_open_threads_as_the_stepper_does(client, world, submitted):
    _threads_and_replies(world)
    client.force_login(world["supervisor"])
    queue = client.get(reverse("review:queue")).content.decode()
    assert '<td data-label="Open comments">2</td>' in queue
    step = client.get(reverse("cases:step", args=[submitted.pk, "options"])).content.decode()
    stepper = re.findall(r'(\d+)<span class="visually-hidden"> open comment', step)
    assert sorted(stepper) == ["1", "1"]


def test_the_list_counts_open_threads_as_the_stepper_does(client, world, submitted):
    _threads_and_replies(world)
    client.force_login(world["clinician"])
    assert "2 open comments" in client.get(reverse("cases:list")).content.decode()


def test_the_queue_shows_how_long_a_submission_waits(client, world, submitted):
    Submission.objects.filter(deliberation=submitted).update(
        submitted_at=Submission.objects.get().submitted_at - timedelta(days=2)
    )
    services.review_state_store(deliberations=Deliberation.objects.filter(pk=submitted.pk))
    client.force_login(world["supervisor"])
    assert "2\xa0days" in client.get(reverse("review:queue")).content.decode()
