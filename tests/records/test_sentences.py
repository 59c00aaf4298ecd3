"""Sentences of the chart note end with one full stop, also after a parenthesis or a quote
(issue 13, item 23: "…handled the same way.).")."""

from __future__ import annotations

import pytest

from cases.models import Deliberation
from cases.selectors import Purpose, deliberation_get
from records import rationale
from records.render import document_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chosen option: Refer", "Chosen option: Refer."),
        ("Chosen option: Refer.", "Chosen option: Refer."),
        ("Justice: yes (would I?)", "Justice: yes (would I?)"),
        ("Submitted: “Please look.”", "Submitted: “Please look.”"),
        ("Submitted: “Please look”", "Submitted: “Please look”."),
        ("Ends with spaces  ", "Ends with spaces."),
    ],
)
def test_it_ends_a_sentence_with_one_full_stop(text, expected):
    assert rationale.sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I would handle the same way.", " (I would handle the same way)"),
        ("I would handle the same way", " (I would handle the same way)"),
        ("Would I?", " (Would I?)"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_it_puts_an_aside_in_parentheses_without_its_full_stop(text, expected):
    assert rationale.aside(text) == expected


@pytest.mark.django_db
def test_it_writes_no_doubled_punctuation_in_the_chart_note(complete):
    Deliberation.objects.filter(pk=complete.pk).update(
        justice_test="yes",
        justice_reason="Other clients would be handled the same way.",
        publicity_test="yes",
        publicity_reason="Yes.",
    )
    stakeholder = complete.stakeholders.all()[0]
    stakeholder.involvement = "Discussed in session."
    stakeholder.save()
    text = document_text(
        rationale.chart_note(deliberation_get(pk=complete.pk, purpose=Purpose.WORKSHEET))
    )
    assert "handled the same way)." in text
    assert ".)." not in text
    assert ".." not in text.replace("...", "")
