"""Rate limit on autosave, re-authentication for full-report exports, body size limits."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@override_settings(AUTOSAVE_RATE=3)
def test_it_answers_429_to_too_many_autosaves_in_a_second(owner_client, deliberation, monkeypatch):
    monkeypatch.setattr("ethicsdesk.ratelimit.time.time", lambda: 1_800_000_000.5)  # one second
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    codes = [
        owner_client.post(
            url, {"question": f"v{i}", "revision": "1"}, HTTP_HX_REQUEST="true"
        ).status_code
        for i in range(6)
    ]
    assert codes == [200, 200, 200, 429, 429, 429]
    refused = owner_client.post(url, {"question": "x", "revision": "1"}, HTTP_HX_REQUEST="true")
    assert (refused.status_code, refused["Retry-After"]) == (429, "1")


def test_it_asks_for_the_password_before_exporting_the_full_report(owner_client, deliberation):
    url = reverse("records:pdf", args=[deliberation.pk, "report"])
    response = owner_client.get(url)
    assert response["Location"].startswith(reverse("reauth"))
    confirm = owner_client.post(reverse("reauth"), {"password": PASSWORD, "next": url})
    assert confirm["Location"] == url
    assert owner_client.get(url)["Content-Type"] == "application/pdf"


def test_it_refuses_a_wrong_password_for_the_export(owner_client, deliberation):
    url = reverse("records:text", args=[deliberation.pk, "report"]) + "?download=1"
    response = owner_client.post(reverse("reauth"), {"password": "wrong", "next": url})
    assert "That is not your password." in response.content.decode()
    assert owner_client.get(url).status_code == 302


def test_it_does_not_ask_for_the_chart_note(owner_client, deliberation):
    url = reverse("records:pdf", args=[deliberation.pk, "chart-note"])
    assert owner_client.get(url)["Content-Type"] == "application/pdf"


def test_it_refuses_an_open_redirect_after_confirming(owner_client):
    response = owner_client.post(
        reverse("reauth"), {"password": PASSWORD, "next": "https://evil.example/steal"}
    )
    assert response["Location"] == "/"


def test_it_refuses_an_oversized_request_body(owner_client, deliberation):
    url = reverse("cases:step", args=[deliberation.pk, "dilemma"])
    response = owner_client.post(url, {"question": "x" * (3 * 1024 * 1024), "revision": "1"})
    assert response.status_code == 400
