"""While the database is down the app answers a friendly 503, and recovers by itself."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _down(*args, **kwargs):
    raise OperationalError("connection to server failed: Connection refused")


def test_it_answers_503_with_a_friendly_page_when_the_database_is_down(monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    monkeypatch.setattr("cases.views.listing.deliberation_list_for", _down)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content
    assert b"Traceback" not in response.content
    assert response["Retry-After"] == "5"


def test_it_answers_htmx_saves_with_a_short_503(monkeypatch, deliberation, clinician):
    client = Client(raise_request_exception=False)
    client.force_login(clinician)
    monkeypatch.setattr("cases.views.worksheet.deliberation_get", _down)
    response = client.post(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]),
        {"question": "x", "revision": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 503
    assert b"Not saved: the records database can&#x27;t be reached" in response.content


def test_it_keeps_a_plain_500_for_other_errors(monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    monkeypatch.setattr("cases.views.listing.deliberation_list_for", lambda **kw: 1 / 0)
    assert client.get(reverse("cases:list")).status_code == 500
