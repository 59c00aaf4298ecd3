"""The private step (own values and bias): its page, its comments, resolving them and the
review history are for the owner and their supervisor only, never for a consultant."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review import services
from review.models import Comment
from tests.factories import UserFactory
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = "Your own faith may colour how you hear her request."

# What each relationship gets on the private step: read it, or 403 (visible deliberation,
# private step), or 404 (the deliberation is not theirs to know of).
EXPECTED = {"owner": 200, "supervisor": 200, "consultant": 403, "unrelated": 404}


@pytest.fixture
def private(world):
    """Submitted for review, shared with a consultant, and a supervisor's comment on the
    private step."""
    d = world["deliberation"]
    services.deliberation_submit(deliberation=d, user=world["clinician"], message="")
    services.share_create(
        deliberation=d, consultant=world["colleague"], shared_by=world["clinician"], message=""
    )
    comment = Comment.objects.create(
        deliberation=d, step_key="values_bias", author=world["supervisor"], text=SECRET
    )
    people = {
        "owner": world["clinician"],
        "supervisor": world["supervisor"],
        "consultant": world["colleague"],
        "unrelated": UserFactory(clinic=world["clinic"]),
    }
    return {"deliberation": d, "comment": comment, "people": people}


def _add_url(private) -> str:
    return reverse("review:comment_add", args=[private["deliberation"].pk, "values_bias"])


@pytest.mark.parametrize("who", EXPECTED)
def test_it_shows_the_private_step_page_only_to_owner_and_supervisor(client, private, who):
    client.force_login(private["people"][who])
    url = reverse("cases:step", args=[private["deliberation"].pk, "values_bias"])
    assert client.get(url).status_code == EXPECTED[who]


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_it_adds_a_comment_on_the_private_step_only_for_owner_and_supervisor(
    client, private, who, htmx
):
    client.force_login(private["people"][who])
    response = client.post(_add_url(private), {"text": "A new thought."}, **(HTMX if htmx else {}))
    added = Comment.objects.filter(text="A new thought.").exists()
    if EXPECTED[who] == 200:
        assert response.status_code == (200 if htmx else 302) and added
    else:
        assert response.status_code == EXPECTED[who] and not added


@pytest.mark.parametrize("who", EXPECTED)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_it_returns_the_private_thread_for_an_empty_comment_only_to_those_who_may_read_it(
    client, private, who, htmx
):
    client.force_login(private["people"][who])
    response = client.post(_add_url(private), {"text": "  "}, **(HTMX if htmx else {}))
    if EXPECTED[who] == 200:
        assert response.status_code == (200 if htmx else 302)
    else:
        assert response.status_code == EXPECTED[who]
        assert SECRET not in response.content.decode()


def test_it_shows_the_thread_with_an_empty_comments_error_to_the_supervisor(client, private):
    client.force_login(private["people"]["supervisor"])
    content = client.post(_add_url(private), {"text": "  "}, **HTMX).content.decode()
    assert SECRET in content and "This field is required." in content


@pytest.mark.parametrize("who", EXPECTED)
def test_it_lets_only_owner_and_supervisor_resolve_a_private_comment(client, private, who):
    client.force_login(private["people"][who])
    url = reverse(
        "review:comment_resolve", args=[private["deliberation"].pk, private["comment"].pk]
    )
    response = client.post(url, **HTMX)
    private["comment"].refresh_from_db()
    assert response.status_code == EXPECTED[who]
    assert private["comment"].is_open is (EXPECTED[who] != 200)
    if EXPECTED[who] != 200:
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("who", EXPECTED)
def test_it_shows_the_private_comment_in_the_review_history_only_to_owner_and_supervisor(
    client, private, who
):
    client.force_login(private["people"][who])
    password_confirmed(client)  # the full report asks for it (tests/records/test_report_reauth.py)
    url = reverse("records:rationale", args=[private["deliberation"].pk, "report"])
    response = client.get(url)
    assert response.status_code == EXPECTED[who]
    assert (SECRET in response.content.decode()) is (EXPECTED[who] == 200)


def test_it_does_not_count_private_comments_in_the_consultants_stepper(client, private):
    client.force_login(private["people"]["consultant"])
    url = reverse("cases:step", args=[private["deliberation"].pk, "dilemma"])
    assert "open comment" not in client.get(url).content.decode()


def test_it_counts_private_comments_in_the_supervisors_stepper(client, private):
    client.force_login(private["people"]["supervisor"])
    url = reverse("cases:step", args=[private["deliberation"].pk, "dilemma"])
    assert '1<span class="visually-hidden"> open comment</span>' in client.get(url).content.decode()
