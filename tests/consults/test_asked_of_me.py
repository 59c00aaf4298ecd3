"""The colleague's list of requests, and the navigation's count of open ones."""

from __future__ import annotations

import pytest
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
