"""Record times in the outputs, signatures, addenda, review history and the audit history are
shown in the clinic's time zone with the zone's name (issue 13, item 22)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records import services
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db
LA = "America/Los_Angeles"
ACTED_UTC = datetime(2026, 3, 3, 22, 5, tzinfo=UTC)
ACTED_LA = "3 March 2026, 14:05 PST"
STAMP = re.compile(r"\d{1,2} \w+ \d{4}, \d\d:\d\d P[SD]T")


@pytest.fixture
def la_client(client, author, complete):
    author.clinic.time_zone = LA
    author.clinic.save()
    Deliberation.objects.filter(pk=complete.pk).update(
        urgency="imminent", urgent_action_at=ACTED_UTC, urgent_recorded_at=ACTED_UTC
    )
    client.force_login(author)
    return client


def _get(client, name: str, d, kind: str = "chart-note", query: str = "") -> str:
    return client.get(reverse(name, args=[d.pk, kind]) + query).content.decode()


def test_it_shows_the_urgent_times_with_the_zone_in_the_chart_note(la_client, complete):
    assert f"Acted at</dt><dd>{ACTED_LA}" in _get(la_client, "records:rationale", complete)
    assert f"Acted at: {ACTED_LA}" in _get(la_client, "records:text", complete, query="?download=1")


def test_it_shows_the_urgent_times_with_the_zone_in_the_full_report(la_client, complete):
    client = password_confirmed(la_client)
    page = _get(client, "records:rationale", complete, "report")
    assert f"Recorded at</dt><dd>{ACTED_LA}" in page
    text = _get(client, "records:text", complete, "report", "?download=1")
    assert f"Recorded at: {ACTED_LA}" in text
    assert STAMP.search(text.split("Started: ")[1])


def test_it_shows_the_signature_time_in_the_clinics_zone(la_client, complete, author):
    services.deliberation_sign(
        deliberation=deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET), user=author
    )
    html = _get(la_client, "records:rationale", complete)
    line = html.split('class="signature-line"')[1].split("</p>")[0]
    assert STAMP.search(line)
    assert "UTC" not in line
    text = _get(la_client, "records:text", complete, query="?download=1")
    author_line = next(s for s in text.splitlines() if s.startswith("Author:"))
    assert STAMP.search(author_line) and "UTC" not in author_line


def test_it_shows_the_addendum_time_in_the_clinics_zone(la_client, complete, author):
    services.deliberation_sign(
        deliberation=deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET), user=author
    )
    services.addendum_add(
        deliberation=Deliberation.objects.get(pk=complete.pk),
        user=author,
        reason="Late information",
        text="The client called back.",
    )
    text = _get(la_client, "records:text", complete, query="?download=1")
    heading = next(s for s in text.splitlines() if s.startswith("ADDENDUM, "))
    assert STAMP.search(heading)


def test_it_shows_review_history_times_in_the_clinics_zone(la_client, complete, author):
    from accounts.services import supervision_link_start
    from review import services as review
    from tests.factories import SupervisorFactory

    supervisor = SupervisorFactory(clinic=author.clinic)
    supervision_link_start(supervisor=supervisor, clinician=author)
    review.deliberation_submit(deliberation=complete, user=author, message="Please look.")
    client = password_confirmed(la_client)
    text = _get(client, "records:text", complete, "report", "?download=1")
    history = text.split("REVIEW HISTORY")[1]
    assert STAMP.search(history)
    page = client.get(reverse("cases:step", args=[complete.pk, "review_sign"])).content.decode()
    assert re.search(r"Submitted \d{1,2} \w+ \d{4}, \d\d:\d\d P[SD]T", page)


def test_it_shows_audit_history_times_with_the_zone(la_client, complete):
    _get(la_client, "records:rationale", complete)
    html = la_client.get(reverse("audit:history", args=[complete.pk])).content.decode()
    assert re.search(r"<time [^>]*>\d{1,2} \w+ \d{4}, \d\d:\d\d:\d\d P[SD]T</time>", html)
