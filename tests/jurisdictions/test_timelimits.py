"""Time limits: ``<what> :: <when>`` entries and the deadline they give."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jurisdictions.timelimits import TimeLimit, TimeLimitError, format_cell, parse_cell

LEARNED = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)


def test_it_reads_hours_days_immediately_and_free_text():
    cell = (
        "oral :: immediately | written :: 36h | follow-up :: 2d | other :: as soon as practicable"
    )
    assert [t.kind for t in parse_cell(cell)] == ["immediately", "hours", "days", "text"]


def test_it_writes_back_the_cell_it_read():
    cell = "oral report :: immediately | written report :: 36h | other :: none stated"
    assert format_cell(parse_cell(cell)) == cell


def test_it_computes_a_deadline_in_hours():
    assert TimeLimit.parse("written :: 36h").deadline(LEARNED) == datetime(
        2026, 12, 2, 4, 30, tzinfo=UTC
    )


def test_it_gives_no_deadline_for_free_text():
    assert TimeLimit.parse("report :: as soon as practicable").deadline(LEARNED) is None


def test_it_refuses_an_entry_without_a_when():
    with pytest.raises(TimeLimitError):
        TimeLimit.parse("oral report immediately")
