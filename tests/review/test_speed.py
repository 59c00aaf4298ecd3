"""The review queue and the dashboard run a fixed number of queries with 1,000 submissions."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Deliberation
from review.models import Comment, Submission

pytestmark = pytest.mark.django_db


def _bulk(world, n: int) -> None:
    rows = Deliberation.objects.bulk_create(
        [
            Deliberation(
                owner=world["clinician"],
                clinic=world["clinic"],
                framework_version=world["version"],
                title=f"Case {i}",
                client_reference=f"CR-{i}",
                urgency=("routine", "urgent", "imminent")[i % 3],
                status="in_review",
            )
            for i in range(n)
        ]
    )
    Submission.objects.bulk_create(
        [Submission(deliberation=d, submitted_by=world["clinician"]) for d in rows]
    )
    Comment.objects.bulk_create(
        [
            Comment(deliberation=d, step_key="dilemma", author=world["supervisor"], text="?")
            for d in rows[:50]
        ]
    )


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["review:queue", "review:dashboard"])
def test_it_runs_a_fixed_number_of_queries(client, world, name):
    client.force_login(world["supervisor"])
    _bulk(world, 10)
    small = _count(client, reverse(name))
    _bulk(world, 990)
    large = _count(client, reverse(name))
    assert small == large
    assert large <= 10


def test_the_queue_shows_25_rows_a_page_imminent_first(client, world):
    _bulk(world, 30)
    client.force_login(world["supervisor"])
    first = client.get(reverse("review:queue")).content.decode()
    second = client.get(reverse("review:queue") + "?page=2").content.decode()
    rows = re.compile(r'<td><a href="/deliberations/\d+/">')
    assert len(rows.findall(first)) == 25
    assert len(rows.findall(second)) == 5
    # The ten imminent cases fill the top of the first page.
    assert first.count("Imminent risk") == 10
    assert "Imminent risk" not in second


def test_a_step_with_comment_threads_runs_a_fixed_number_of_queries(client, world):
    d, supervisor = world["deliberation"], world["supervisor"]
    url = reverse("cases:step", args=[d.pk, "dilemma"])

    def comment(text: str, parent=None, step="dilemma"):
        return Comment.objects.create(
            deliberation=d, step_key=step, author=supervisor, text=text, parent=parent
        )

    first = comment("Is the partner identifiable?")
    comment("Yes, by name.", parent=first)
    client.force_login(world["clinician"])
    few = _count(client, url)
    for n in range(8):
        comment(f"Question {n}", parent=comment(f"Thread {n}"))
        comment(f"Elsewhere {n}", step="options")
    many = _count(client, url)
    assert few == many
    html = client.get(url).content.decode()
    assert html.count(supervisor.display_name) >= 18  # every comment and reply, named
    # The stepper counts the open threads of other steps from the same query.
    assert '8<span class="visually-hidden"> open comments</span>' in html
