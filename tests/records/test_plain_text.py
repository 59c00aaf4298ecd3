"""The plain-text chart note and full report: one line per paragraph and per list item, so
an EHR text box can reflow it; nothing split inside a word or at a hyphen (issue 13, item 18).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records import rationale, services
from records.render import document_text, record_text
from tests.records.conftest import password_confirmed

pytestmark = pytest.mark.django_db

HYPHENATED = "a high-value, long-standing, well-documented duty-to-warn question"
LONG_FACT = ("The client said " + HYPHENATED + " came up again; ") * 4 + "it ended there."
LONG_RATIONALE = ("I weighed the " + HYPHENATED + " against the client's trust. ") * 4


@pytest.fixture
def wordy(complete):
    """The worked example with a 300-character fact and a long, hyphenated rationale."""
    assert len(LONG_FACT) >= 300
    Deliberation.objects.filter(pk=complete.pk).update(
        facts=[LONG_FACT, "A short fact."], rationale=LONG_RATIONALE.strip()
    )
    option = complete.options.all()[0]
    option.description = LONG_FACT
    option.save()
    return deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET)


def _assert_one_line_each(text: str) -> None:
    lines = text.splitlines()
    # The chart note lists the facts; the full report gives them as "Facts: …" lines.
    assert f"- {LONG_FACT}" in lines or f"Facts: {LONG_FACT}" in lines
    assert LONG_RATIONALE.strip() in lines
    assert not [line for line in lines if line.startswith("-  ")], "a bullet was repeated"
    assert "high-\n" not in text
    assert text.count("high-value") == text.replace("\n", " ").count("high-value")


def test_it_keeps_each_chart_note_list_item_and_paragraph_on_one_line(wordy):
    _assert_one_line_each(document_text(rationale.chart_note(wordy)))


def test_it_keeps_each_full_report_list_item_and_paragraph_on_one_line(wordy):
    text = document_text(rationale.full_report(wordy))
    _assert_one_line_each(text)
    option = wordy.options.all()[0]
    assert f"- {option.label}: {LONG_FACT}" in text.splitlines()


def test_it_downloads_the_same_one_line_chart_note_text(author_client, wordy, author):
    url = reverse("records:text", args=[wordy.pk, "chart-note"])
    download = author_client.get(url + "?download=1").content.decode()
    _assert_one_line_each(download)
    with timezone.override(author.clinic.time_zone):  # the zone the download was written in
        assert download == document_text(rationale.chart_note(wordy))


def test_it_downloads_the_same_one_line_full_report_text(author_client, wordy, author):
    url = reverse("records:text", args=[wordy.pk, "report"])
    download = password_confirmed(author_client).get(url + "?download=1").content.decode()
    _assert_one_line_each(download)
    with timezone.override(author.clinic.time_zone):  # the zone the download was written in
        assert download == document_text(rationale.full_report(wordy))


def test_it_keeps_each_addendum_and_signature_on_one_line(wordy, author):
    services.deliberation_sign(deliberation=wordy, user=author)
    d = Deliberation.objects.get(pk=wordy.pk)
    addendum = services.addendum_add(
        deliberation=d, user=author, reason="Late information, " + HYPHENATED, text=LONG_FACT
    )
    lines = record_text(list(d.snapshots.get().signatures.all()), [addendum]).splitlines()
    assert LONG_FACT in lines
    assert f"Reason: Late information, {HYPHENATED}" in lines
    signature = next(line for line in lines if line.startswith("Author:"))
    assert signature.endswith(d.snapshots.get().sha256)
