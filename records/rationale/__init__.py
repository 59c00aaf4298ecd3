"""Builds the chart note and the full report from a deliberation: the one source of truth.

The chart note is safe for the client to read (open notes): it never reads the private
reflection (own values and bias), the assumptions, the clinic's custom answers or the
scores. The full report holds everything. The pieces both say live in ``sections`` once.
"""

from __future__ import annotations

from records.rationale.chart import chart_note
from records.rationale.data import structured_data
from records.rationale.history import review_history
from records.rationale.report import full_report
from records.rationale.text import aside, record_time, sentence

__all__ = [
    "aside",
    "chart_note",
    "full_report",
    "record_time",
    "review_history",
    "sentence",
    "structured_data",
]
