"""Who may read a deliberation under review: one test per rule."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.services import supervision_link_end
from cases.models import Option
from review import services

pytestmark = pytest.mark.django_db


def _status(client, user, deliberation, name="cases:step", args=("dilemma",)):
    client.force_login(user)
    return client.get(reverse(name, args=[deliberation.pk, *args])).status_code


def test_it_hides_an_unsubmitted_draft_from_the_supervisor(client, world):
    assert _status(client, world["supervisor"], world["deliberation"]) == 404


def test_it_shows_a_submitted_deliberation_to_the_supervisor(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    assert _status(client, world["supervisor"], world["deliberation"]) == 200


def test_it_hides_a_submission_from_a_supervisor_who_does_not_supervise_the_owner(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    assert _status(client, world["other_supervisor"], world["deliberation"]) == 404


def test_it_ends_access_to_new_submissions_when_the_link_ends(client, world):
    supervision_link_end(link=world["link"])
    with pytest.raises(services.ReviewRefused):
        services.deliberation_submit(
            deliberation=world["deliberation"], user=world["clinician"], message=""
        )
    assert _status(client, world["supervisor"], world["deliberation"]) == 404


def test_it_ends_access_to_earlier_submissions_when_the_link_ends(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    supervision_link_end(link=world["link"])
    assert _status(client, world["supervisor"], world["deliberation"]) == 404


def test_it_shows_a_shared_deliberation_to_the_consultant_while_shared(client, world):
    share = services.share_create(
        deliberation=world["deliberation"],
        consultant=world["colleague"],
        shared_by=world["clinician"],
        message="",
    )
    assert _status(client, world["colleague"], world["deliberation"]) == 200
    services.share_withdraw(share=share)
    assert _status(client, world["colleague"], world["deliberation"]) == 404


def test_it_shows_the_consultant_nothing_that_was_not_shared(client, world):
    assert _status(client, world["colleague"], world["deliberation"]) == 404


def test_it_keeps_the_private_reflection_from_a_consultant(client, world):
    services.share_create(
        deliberation=world["deliberation"],
        consultant=world["colleague"],
        shared_by=world["clinician"],
        message="",
    )
    assert _status(client, world["colleague"], world["deliberation"], args=("values_bias",)) == 403
    report = _status(
        client, world["colleague"], world["deliberation"], "records:rationale", ("report",)
    )
    assert report == 403


def test_it_lets_the_supervisor_read_the_private_reflection(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    assert _status(client, world["supervisor"], world["deliberation"], args=("values_bias",)) == 200


def test_it_shows_a_clinic_admin_none_of_the_clinical_content(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    for name, args in [("cases:step", ("dilemma",)), ("records:rationale", ("chart-note",))]:
        assert _status(client, world["admin"], world["deliberation"], name, args) == 404
    client.force_login(world["admin"])
    assert client.get(reverse("review:queue")).status_code == 403


def test_it_never_lets_a_reviewer_edit(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    client.force_login(world["supervisor"])
    url = reverse("cases:step", args=[world["deliberation"].pk, "dilemma"])
    assert client.post(url, {"question": "Supervisor's words", "revision": "9"}).status_code == 403


def test_it_refuses_review_actions_to_the_owner(client, world):
    services.deliberation_submit(
        deliberation=world["deliberation"], user=world["clinician"], message=""
    )
    client.force_login(world["clinician"])
    assert client.get(reverse("review:actions", args=[world["deliberation"].pk])).status_code == 403


def test_it_shows_a_consultant_the_rows_as_they_are_not_as_boxes_to_edit(client, world):
    Option.objects.create(deliberation=world["deliberation"], position=0, label="Decline the gift")
    services.share_create(
        deliberation=world["deliberation"],
        consultant=world["colleague"],
        shared_by=world["clinician"],
        message="",
    )
    client.force_login(world["colleague"])
    body = client.get(reverse("cases:step", args=[world["deliberation"].pk, "options"]))
    [field] = re.findall(r'<input[^>]*value="Decline the gift"[^>]*>', body.content.decode())
    assert " disabled" in field
