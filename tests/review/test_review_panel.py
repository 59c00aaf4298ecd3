"""The review's part of a worksheet step page is one typed object, ``context["review"]``
(review.selectors.review_panel): the page shows what it holds, and nothing else of the
review's lands loose in the page's context."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review import services
from review.selectors import CommentBox, ReviewPanel

pytestmark = pytest.mark.django_db

# What step_review_context used to merge into the page's context, key by key.
LOOSE_KEYS = {
    "role",
    "can_comment",
    "open_by_step",
    "can_review",
    "can_manage",
    "threads",
    "comment_form",
    "submissions",
    "pending",
    "shares",
}


def _step(client, world, key: str):
    return client.get(reverse("cases:step", args=[world["deliberation"].pk, key]))


def test_it_puts_the_review_panel_under_review(client, world):
    client.force_login(world["clinician"])
    review = _step(client, world, "dilemma").context["review"]
    assert isinstance(review, ReviewPanel) and isinstance(review.comments, CommentBox)


def test_it_leaves_no_review_key_loose_in_the_page(client, world):
    client.force_login(world["clinician"])
    page = _step(client, world, "review_sign").context[0]  # step.html's own context
    assert LOOSE_KEYS & set(page.flatten()) == set()


def test_it_says_the_owner_manages_and_does_not_review(client, world):
    client.force_login(world["clinician"])
    review = _step(client, world, "dilemma").context["review"]
    assert (review.role, review.can_manage, review.can_review) == ("owner", True, False)


def test_it_shows_the_supervisor_the_review_bar(client, world):
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    client.force_login(world["supervisor"])
    response = _step(client, world, "dilemma")
    assert response.context["review"].can_review
    assert "You are reviewing" in response.content.decode()


def test_it_counts_open_comments_per_step_for_the_stepper(client, world):
    d = world["deliberation"]
    step = d.framework_version.spec.steps[0]
    services.comment_add(
        deliberation=d, author=world["clinician"], step=step, text="Hm.", parent=None
    )
    client.force_login(world["clinician"])
    review = _step(client, world, "options").context["review"]
    assert review.open_by_step == {"dilemma": 1}


def test_it_holds_this_step_s_threads_and_a_blank_comment_form(client, world):
    d = world["deliberation"]
    step = d.framework_version.spec.steps[0]
    services.comment_add(
        deliberation=d, author=world["clinician"], step=step, text="Hm.", parent=None
    )
    client.force_login(world["clinician"])
    comments = _step(client, world, "dilemma").context["review"].comments
    assert [t["comment"].text for t in comments.threads] == ["Hm."]
    assert comments.can_comment and comments.form is None  # the blank box
    assert 'name="text"' in comments.text_field and "</textarea>" in comments.text_field


def test_it_lists_submissions_and_pending_on_review_and_sign_only(client, world):
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    client.force_login(world["clinician"])
    review_sign = _step(client, world, "review_sign").context["review"]
    dilemma = _step(client, world, "dilemma").context["review"]
    assert (len(review_sign.submissions), review_sign.pending) == (1, True)
    assert (dilemma.submissions, dilemma.pending) == ((), False)


def test_it_lists_shares_on_the_consultation_step_only(client, world):
    d = world["deliberation"]
    services.share_create(
        deliberation=d, consultant=world["colleague"], shared_by=world["clinician"], message=""
    )
    client.force_login(world["clinician"])
    consultation = _step(client, world, "consultation").context["review"]
    dilemma = _step(client, world, "dilemma").context["review"]
    assert [s.consultant for s in consultation.shares] == [world["colleague"]]
    assert dilemma.shares == ()


def test_it_cannot_be_changed_by_a_page(client, world):
    client.force_login(world["clinician"])
    review = _step(client, world, "dilemma").context["review"]
    with pytest.raises(AttributeError):
        review.can_manage = False
