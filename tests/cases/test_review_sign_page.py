"""The Review and sign page: its buttons are a plain group (no list bullets between them) and
the supervision history is a numbered list only when there is more than one submission
(issue 13, item 23); its summary is the chart note's preview, so what the note says is
decided in one place (issue 14, point 8)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import supervision_link_start
from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records import rationale
from records.models import Snapshot
from records.render import document_html
from review import services as review
from tests.factories import SupervisorFactory

pytestmark = pytest.mark.django_db


def _page(client, d) -> str:
    return client.get(reverse("cases:step", args=[d.pk, "review_sign"])).content.decode()


def _supervision(html: str) -> str:
    """The page's Supervision section (the stepper is a numbered list of its own)."""
    start = html.index('id="review-heading"')
    return html[start : html.index("</section>", start)]


def _submit_and_return(d, owner, supervisor) -> None:
    review.deliberation_submit(deliberation=d, user=owner, message="Please look.")
    review.changes_request(deliberation=d, reviewer=supervisor, message="Say more.")


def test_it_groups_the_buttons_without_list_bullets(owner_client, deliberation):
    html = _page(owner_client, deliberation)
    assert 'href="' + reverse("records:rationale", args=[deliberation.pk, "chart-note"]) in html
    assert not re.search(r'<ul class="actions"', html)
    assert not re.search(r'<div class="actions"[^>]*>\s*<li', html)


def test_it_says_not_submitted_without_a_numbered_list(owner_client, deliberation):
    html = _supervision(_page(owner_client, deliberation))
    assert "Not submitted for review yet." in html
    assert "<ol" not in html


def test_it_shows_a_single_submission_without_a_numbered_list(
    owner_client, deliberation, clinician
):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    supervision_link_start(supervisor=supervisor, clinician=clinician)
    _submit_and_return(deliberation, clinician, supervisor)
    html = _supervision(_page(owner_client, deliberation))
    assert "“Please look.”" in html
    assert "<ol" not in html


def test_it_numbers_several_submissions(owner_client, deliberation, clinician):
    supervisor = SupervisorFactory(clinic=clinician.clinic)
    supervision_link_start(supervisor=supervisor, clinician=clinician)
    _submit_and_return(deliberation, clinician, supervisor)
    _submit_and_return(deliberation, clinician, supervisor)
    html = _supervision(_page(owner_client, deliberation))
    assert len(re.findall(r"<li><strong>Submitted", html)) == 2
    assert '<ol class="history">' in html


def test_it_shows_the_chart_note_as_the_chart_note_renders_it(owner_client, deliberation):
    d = deliberation_get(pk=deliberation.pk, purpose=Purpose.WORKSHEET)
    d.owner = User.objects.get(pk=d.owner_id)
    preview = document_html(rationale.chart_note(d))
    assert preview in _page(owner_client, deliberation)


def test_it_shows_the_signed_chart_note_from_the_snapshot(owner_client, deliberation):
    Snapshot.objects.create(
        deliberation=deliberation,
        chart_note_html="<article>AS-SIGNED-MARKER</article>",
        data={},
        sha256="0" * 64,
    )
    Deliberation.objects.filter(pk=deliberation.pk).update(
        signed_at=timezone.now(), status="signed"
    )
    html = _page(owner_client, deliberation)
    assert "AS-SIGNED-MARKER" in html and "The signed chart note" in html
