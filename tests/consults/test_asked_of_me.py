"""The colleague's list of requests, and the navigation's count of open ones."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consults import services

pytestmark = pytest.mark.django_db


def test_it_lists_the_request_without_its_question(colleague_client, consult):
    body = colleague_client.get(reverse("consults:asked_of_me")).content.decode()
    assert reverse("consults:asked", args=[consult.deliberation_id, consult.pk]) in body
    assert "QUESTION-MARKER" not in body


def test_it_counts_open_unanswered_requests_in_the_navigation(colleague_client, consult):
    body = colleague_client.get(reverse("review:badges")).content.decode()
    assert 'id="badge-asked"' in body and ">1<" in body


def test_it_stops_counting_once_answered(colleague_client, consult, colleague):
    services.consult_answer(request=consult, author=colleague, advice="Done.")
    body = colleague_client.get(reverse("review:badges")).content.decode()
    assert 'id="badge-asked" class="nav-badge" hx-swap-oob="true"></span>' in body


def test_it_shows_nothing_of_it_to_an_unrelated_colleague(client, consult, unrelated):
    client.force_login(unrelated)
    body = client.get(reverse("consults:asked_of_me")).content.decode()
    assert reverse("consults:asked", args=[consult.deliberation_id, consult.pk]) not in body
    assert "Nobody has asked for your advice yet." in body


def test_it_lists_in_a_fixed_small_number_of_queries(colleague_client, consult, colleague):
    url = reverse("consults:asked_of_me")
    colleague_client.get(url)
    with CaptureQueriesContext(connection) as one:
        colleague_client.get(url)
    for _ in range(3):
        services.consult_ask(
            deliberation=consult.deliberation,
            asked_by=consult.asked_by,
            question="More?",
            step_keys=["dilemma"],
            answer_by=consult.answer_by,
            colleagues=[colleague],
        )
    with CaptureQueriesContext(connection) as four:
        colleague_client.get(url)
    assert len(one) == len(four) <= 5
