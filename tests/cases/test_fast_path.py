"""Imminent risk: the safety duties first, the full worksheet afterwards, both times kept."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Deliberation

pytestmark = pytest.mark.django_db


def _imminent(d):
    Deliberation.objects.filter(pk=d.pk).update(urgency="imminent")


def test_it_opens_the_urgent_screen_first_for_an_imminent_deliberation(owner_client, deliberation):
    _imminent(deliberation)
    response = owner_client.get(reverse("cases:detail", args=[deliberation.pk]))
    assert response["Location"] == reverse("cases:urgent", args=[deliberation.pk])


def test_it_lists_the_frameworks_safety_duties(owner_client, deliberation):
    _imminent(deliberation)
    content = owner_client.get(reverse("cases:urgent", args=[deliberation.pk])).content.decode()
    assert "Duty to warn and protect third parties" in content
    assert "Notifying your supervisor" in content
    assert "Informed consent" not in content


def test_it_records_the_action_and_both_times(owner_client, deliberation):
    _imminent(deliberation)
    acted = timezone.localtime() - timezone.timedelta(minutes=30)
    response = owner_client.post(
        reverse("cases:urgent", args=[deliberation.pk]),
        {
            "duties": ["duty-to-protect", "urgent-consultation"],
            "action": "Called emergency services; the person at risk was warned.",
            "contacts": "Emergency services; on-call supervisor",
            "supervisor_notified": "yes",
            "action_at": acted.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response["Location"] == reverse("cases:step", args=[deliberation.pk, "dilemma"])
    d = Deliberation.objects.get(pk=deliberation.pk)
    assert d.urgent_duties == ["duty-to-protect", "urgent-consultation"]
    assert d.urgent_supervisor_notified is True
    assert d.urgent_action_at.replace(second=0, microsecond=0) == acted.replace(
        second=0, microsecond=0
    )
    assert d.urgent_recorded_at is not None
    page = owner_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    assert "Acted on urgently" in page.content.decode()


def test_it_keeps_what_was_typed_when_the_action_is_missing(owner_client, deliberation):
    response = owner_client.post(
        reverse("cases:urgent", args=[deliberation.pk]),
        {"contacts": "Crisis line", "action_at": "2026-11-22T10:00"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content and "Crisis line" in content
    assert Deliberation.objects.get(pk=deliberation.pk).urgent_recorded_at is None


def test_it_refuses_a_future_action_time(owner_client, deliberation):
    later = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = owner_client.post(
        reverse("cases:urgent", args=[deliberation.pk]), {"action": "x", "action_at": later}
    )
    assert "can't be in the future" in html.unescape(response.content.decode())


def test_it_sends_a_plain_post_choosing_imminent_to_the_urgent_screen(owner_client, deliberation):
    response = owner_client.post(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]),
        {"title": "t", "client_reference": "CR-1", "urgency": "imminent", "revision": "1"},
    )
    assert response["Location"] == reverse("cases:urgent", args=[deliberation.pk])


def test_it_shows_the_urgent_banner_when_autosave_makes_it_imminent(owner_client, deliberation):
    response = owner_client.post(
        reverse("cases:step", args=[deliberation.pk, "dilemma"]),
        {"title": "t", "client_reference": "CR-1", "urgency": "imminent", "revision": "1"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert 'id="urgent-banner" hx-swap-oob="true"' in content
    assert "Open the urgent safety screen" in content


def test_it_hides_the_urgent_screen_from_other_clinicians(client, deliberation):
    from tests.factories import UserFactory

    client.force_login(UserFactory(clinic=deliberation.clinic))
    assert client.get(reverse("cases:urgent", args=[deliberation.pk])).status_code == 404
