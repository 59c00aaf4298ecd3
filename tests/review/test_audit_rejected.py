"""A review form sent back with errors, or refused, changed nothing: the audit records it as a
view of the page, never as the comment, submission or review decision that did not happen."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEvent
from review import services as review

pytestmark = pytest.mark.django_db


def _actions(d) -> list[str]:
    return list(AuditEvent.objects.filter(deliberation_id=d.pk).values_list("action", flat=True))


def _comment_url(d, key: str = "dilemma") -> str:
    return reverse("review:comment_add", args=[d.pk, key])


def test_it_records_an_added_comment(client, world):
    d = world["deliberation"]
    client.force_login(world["clinician"])
    client.post(_comment_url(d), {"text": "A question for my supervisor"}, HTTP_HX_REQUEST="true")
    assert _actions(d) == ["comment"]


@pytest.mark.parametrize("htmx", [True, False])
def test_it_does_not_record_an_empty_comment_as_a_comment(client, world, htmx):
    d = world["deliberation"]
    client.force_login(world["clinician"])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    client.post(_comment_url(d), {"text": ""}, **headers)
    assert _actions(d) == ["view"]


@override_settings(COMMENT_RATE=1)
def test_it_does_not_record_a_rate_limited_comment_as_a_comment(client, world):
    d = world["deliberation"]
    client.force_login(world["clinician"])
    client.post(_comment_url(d), {"text": "First"}, HTTP_HX_REQUEST="true")
    client.post(_comment_url(d), {"text": "Second, too soon"}, HTTP_HX_REQUEST="true")
    assert sorted(_actions(d)) == ["comment", "view"]


def test_it_does_not_record_an_empty_change_request_as_a_review_decision(client, world):
    d = world["deliberation"]
    review.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    client.force_login(world["supervisor"])
    response = client.post(reverse("review:actions", args=[d.pk]), {"action": "changes"})
    assert response.status_code == 200
    assert "review" not in _actions(d)


def test_it_records_a_change_request(client, world):
    d = world["deliberation"]
    review.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    client.force_login(world["supervisor"])
    client.post(
        reverse("review:actions", args=[d.pk]),
        {"action": "changes", "message": "Add the consultation."},
    )
    assert "review" in _actions(d)
