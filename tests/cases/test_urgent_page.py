"""The fast path: no link to itself, a hint to change "When you acted", and both times read and
shown in the clinic's time zone with the zone's name (issue 13, item 22)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from cases.models import Deliberation

pytestmark = pytest.mark.django_db
LA = "America/Los_Angeles"
ACTED_UTC = datetime(2026, 3, 3, 22, 5, tzinfo=UTC)  # 14:05 in Los Angeles (PST)
STAMP = re.compile(r"\d{1,2} \w+ \d{4}, \d\d:\d\d P[SD]T")


@pytest.fixture
def la_client(client, clinician, deliberation):
    clinician.clinic.time_zone = LA
    clinician.clinic.save()
    Deliberation.objects.filter(pk=deliberation.pk).update(urgency="imminent")
    client.force_login(clinician)
    return client


def _url(d) -> str:
    return reverse("cases:urgent", args=[d.pk])


def _record(client, d, acted: str = "2026-03-03T14:05"):
    return client.post(
        _url(d), {"action": "Called emergency services.", "action_at": acted, "duties": []}
    )


def test_it_does_not_link_the_urgent_screen_to_itself(la_client, deliberation):
    html = la_client.get(_url(deliberation)).content.decode()
    assert "Imminent risk of serious harm" in html
    assert f'href="{_url(deliberation)}"' not in html
    assert "Open the urgent safety screen" not in html


def test_it_does_not_link_to_itself_once_recorded(la_client, deliberation):
    _record(la_client, deliberation)
    html = la_client.get(_url(deliberation)).content.decode()
    assert "Acted on urgently" in html
    assert f'href="{_url(deliberation)}"' not in html


def test_it_still_links_the_urgent_screen_from_a_step(la_client, deliberation):
    step = la_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"]))
    assert f'href="{_url(deliberation)}"' in step.content.decode()


def test_it_hints_to_change_when_you_acted(la_client, deliberation):
    html = la_client.get(_url(deliberation)).content.decode()
    assert "change it to when you actually acted" in html.lower()
    assert re.search(r"P[SD]T", html[html.index('id="id_action_at_helptext"') :][:400])


def test_it_reads_when_you_acted_in_the_clinics_time_zone(la_client, deliberation):
    _record(la_client, deliberation)
    assert Deliberation.objects.get(pk=deliberation.pk).urgent_action_at == ACTED_UTC


def test_it_fills_in_when_you_acted_in_the_clinics_time_zone(la_client, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(urgent_action_at=ACTED_UTC)
    html = la_client.get(_url(deliberation)).content.decode()
    assert 'value="2026-03-03T14:05"' in html


def test_it_shows_both_times_with_the_zone_in_the_banner(la_client, deliberation):
    _record(la_client, deliberation)
    html = la_client.get(reverse("cases:step", args=[deliberation.pk, "dilemma"])).content
    banner = html.decode().split('class="urgent-banner"')[1].split("</div>")[0]
    assert "3 Mar 2026, 14:05 PST" in banner
    assert len(STAMP.findall(banner.replace("Mar ", "March "))) == 2


def test_it_shows_both_times_with_the_zone_on_review_and_sign(la_client, deliberation):
    _record(la_client, deliberation)
    html = la_client.get(reverse("cases:step", args=[deliberation.pk, "review_sign"])).content
    # The page shows the chart note's preview, whose urgent section gives both times.
    urgent = html.decode().split("<h2>Urgent action</h2>")[1].split("</section>")[0]
    assert "<dt>Acted at</dt><dd>3 March 2026, 14:05 PST</dd>" in urgent
    assert len(STAMP.findall(urgent)) == 2
