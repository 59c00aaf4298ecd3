"""The tables' row_url and ago filters write what {% url %} and timesince write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.template import engines
from django.urls import clear_script_prefix, set_script_prefix
from django.utils import translation

DELTAS = [
    timedelta(0),
    timedelta(seconds=59),
    timedelta(minutes=1),
    timedelta(hours=1, minutes=12),
    timedelta(days=1),
    timedelta(days=9, hours=5),
    timedelta(days=45),
    timedelta(days=400, hours=3),
    timedelta(days=-2),
]


def _render(source: str, **context) -> str:
    return engines["django"].from_string("{% load tables %}" + source).render(context)


@pytest.mark.parametrize("pk", [1, 42, 987654321987654321])
def test_it_writes_the_url_that_the_url_tag_writes(pk):
    fast = _render("{{ pk|row_url:'cases:detail' }}", pk=pk)
    assert fast == _render("{% url 'cases:detail' pk %}", pk=pk)


@pytest.mark.parametrize("name", ["cases:row_save", "cases:row_remove"])
def test_it_writes_a_row_url_that_the_url_tag_writes(name):
    context = {"d": 12, "key": "stakeholders", "kind": "stakeholders", "row": 34}
    fast = _render(f"{{% id_url '{name}' d key kind row %}}", **context)
    assert fast == _render(f"{{% url '{name}' d key kind row %}}", **context)


def test_it_writes_the_url_under_the_script_prefix():
    set_script_prefix("/clinic/")
    try:
        fast = _render("{{ pk|row_url:'cases:detail' }}", pk=7)
    finally:
        clear_script_prefix()
    assert fast == "/clinic/deliberations/7/"


@pytest.mark.parametrize("delta", DELTAS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_writes_what_timesince_writes(delta, language):
    at = datetime.now(UTC) - delta
    with translation.override(language):
        fast = _render("{{ at|ago }}|{{ at|timesince }}", at=at)
    mine, django = fast.split("|")
    assert mine == django


def test_it_writes_nothing_for_no_date():
    assert _render("{{ at|ago }}", at=None) == ""
