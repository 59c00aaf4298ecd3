"""Every view of the full report (page, on-screen text, .txt, PDF) asks for a recent password
confirmation, because it holds the private reflection; the chart note does not; the links
that lead to it say so (issue 13, item 24)."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from accounts.reauth import SESSION_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

REPORT_VIEWS = [
    ("records:rationale", ""),
    ("records:text", ""),
    ("records:text", "?download=1"),
    ("records:pdf", ""),
]


def _url(name: str, d, query: str = "", kind: str = "report") -> str:
    return reverse(name, args=[d.pk, kind]) + query


@pytest.mark.parametrize(("name", "query"), REPORT_VIEWS)
def test_it_asks_for_the_password_before_any_view_of_the_full_report(
    owner_client, deliberation, name, query
):
    response = owner_client.get(_url(name, deliberation, query))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reauth"))


@pytest.mark.parametrize(("name", "query"), REPORT_VIEWS)
def test_it_shows_the_full_report_after_the_password(owner_client, deliberation, name, query):
    url = _url(name, deliberation, query)
    confirm = owner_client.post(reverse("reauth"), {"password": PASSWORD, "next": url})
    assert confirm["Location"] == url
    assert owner_client.get(url).status_code == 200


def test_it_asks_again_once_the_confirmation_is_older_than_reauth_minutes(
    owner_client, deliberation, settings
):
    session = owner_client.session
    session[SESSION_KEY] = int(time.time()) - settings.REAUTH_MINUTES * 60 - 1
    session.save()
    assert owner_client.get(_url("records:rationale", deliberation)).status_code == 302


@pytest.mark.parametrize(("name", "query"), REPORT_VIEWS)
def test_it_does_not_ask_for_the_chart_note(owner_client, deliberation, name, query):
    url = _url(name, deliberation, query, kind="chart-note")
    assert owner_client.get(url).status_code == 200


def test_it_refuses_a_non_reader_before_asking_for_the_password(client, deliberation):
    from tests.factories import UserFactory

    client.force_login(UserFactory(clinic=deliberation.clinic))
    assert client.get(_url("records:rationale", deliberation)).status_code == 404


def test_it_says_on_the_chart_note_that_the_full_report_asks_for_the_password(
    owner_client, deliberation
):
    html = owner_client.get(_url("records:rationale", deliberation, kind="chart-note"))
    assert "asks for your password" in html.content.decode()


def test_it_says_on_review_and_sign_that_the_full_report_asks_for_the_password(
    owner_client, deliberation
):
    html = owner_client.get(reverse("cases:step", args=[deliberation.pk, "review_sign"]))
    assert "asks for your password" in html.content.decode()
