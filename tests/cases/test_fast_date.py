"""The tables' fast_date filter writes what Django's date filter writes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.template import engines
from django.utils import timezone

FORMATS = ["c", "j M Y, H:i", "j M, H:i", r"\Y\e\a\r Y"]
MOMENTS = [
    datetime(2026, 11, 20, 22, 30, 5, 123456, tzinfo=UTC),
    datetime(2026, 3, 8, 10, 59, tzinfo=UTC),  # the morning US clocks change
    datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
    datetime(987, 7, 4, 9, 5, tzinfo=UTC),
]
ZONES = ["UTC", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata"]


def _render(source: str, at) -> str:
    return engines["django"].from_string("{% load tables %}" + source).render({"at": at})


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("at", MOMENTS)
@pytest.mark.parametrize("format_string", FORMATS)
def test_it_writes_what_the_date_filter_writes(zone, at, format_string):
    with timezone.override(zone):
        fast = _render(f'{{{{ at|fast_date:"{format_string}" }}}}', at)
        django = _render(f'{{{{ at|date:"{format_string}" }}}}', at)
    assert fast == django


def test_it_writes_nothing_for_no_date():
    assert _render('{{ at|fast_date:"c" }}', None) == ""


def test_it_refuses_a_format_character_it_does_not_write():
    with pytest.raises(ValueError, match="'F'"):
        _render('{{ at|fast_date:"j F Y" }}', MOMENTS[0])
